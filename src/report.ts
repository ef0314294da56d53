// vfile-reporter, imported where there are messages to print: a build that finds nothing changed
// prints none, and starts without it.

/** vfile-reporter's `reporter`, imported on first use. */
export async function importReporter() {
  return (await import('vfile-reporter')).reporter
}
