// Which routes hold which records, for a plan that a builder keeps from build to build (PlanMemo in
// src/plan.ts puts an edited record into the entry that held the old one). An edit then visits the
// few routes holding the edited records, not every route of the archive: the rest keep their pages.

/** One place a record sits (an object and its key), the record it held when last looked at, and the routes showing it. */
interface Place {
  holder: Record<string | number, unknown>
  key: string | number
  record: unknown
  routes: number[]
}

/** The places holding records in a plan's routes. */
export class RouteHolders {
  private constructor(
    readonly routes: readonly object[],
    private readonly places: Place[],
  ) {}

  /** Index `routes`, each place given as `holdersOf` lists it (holder, key, holder, key, …). */
  static of(routes: readonly object[], holdersOf: (route: object) => readonly unknown[]): RouteHolders {
    const placesByHolder = new Map<object, Map<string | number, Place>>()
    const places: Place[] = []
    for (const [routeIndex, route] of routes.entries()) {
      const holders = holdersOf(route)
      for (let index = 0; index < holders.length; index += 2) {
        const holder = holders[index] as Place['holder']
        const key = holders[index + 1] as string | number
        let byKey = placesByHolder.get(holder)
        if (byKey === undefined) placesByHolder.set(holder, (byKey = new Map()))
        let place = byKey.get(key)
        if (place === undefined) {
          byKey.set(key, (place = { holder, key, record: holder[key], routes: [] }))
          places.push(place)
        }
        // A route may hold a record twice (an article is its own story's part): count it once.
        if (place.routes.at(-1) !== routeIndex) place.routes.push(routeIndex)
      }
    }
    return new RouteHolders(routes, places)
  }

  /**
   * The routes (by index, ascending) holding a record that is not the one they held at the last
   * `settle`: the only routes whose pages an edit can change, when nothing but records changed.
   */
  changedRoutes(): number[] {
    const changed = new Set<number>()
    for (const place of this.places) {
      if (place.holder[place.key] === place.record) continue
      for (const routeIndex of place.routes) changed.add(routeIndex)
    }
    return [...changed].sort((a, b) => a - b)
  }

  /** Take the records the places hold now as seen: called once the build that showed them is live. */
  settle(): void {
    for (const place of this.places) place.record = place.holder[place.key]
  }
}
