// Month grids for the year and month pages, weeks starting on Monday as Chinese calendars do.

export interface CalendarDay {
  /** Day of the month, or null for a blank cell before the 1st or after the last day. */
  day: number | null
  isoDate: string | null
}

/** The weeks of a month as rows of seven cells, Monday first. */
export function monthGrid(year: number, month: number): CalendarDay[][] {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  // getUTCDay: 0 is Sunday; shift so Monday is column 0.
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7
  const cells: CalendarDay[] = Array.from({ length: lead }, () => ({ day: null, isoDate: null }))
  for (let day = 1; day <= daysInMonth; day++) {
    cells.push({ day, isoDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` })
  }
  while (cells.length % 7 !== 0) cells.push({ day: null, isoDate: null })
  const weeks: CalendarDay[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}
