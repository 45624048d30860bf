// Long measurements written as generators that yield now and then, so the same code runs straight
// through (tests, scripts) or in slices that let a busy server answer other requests in between.

/** A computation that yields (nothing) at convenient points and returns its result. */
export type TSteps<T> = Generator<void, T, void>;

/** Runs the steps to the end without pausing. */
export function runSync<T>(steps: TSteps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * Runs the steps, giving the event loop a turn (setImmediate) whenever about `sliceMs` of work
 * has passed, so streaming replies and other requests keep flowing during a long measurement.
 */
export async function runAsync<T>(steps: TSteps<T>, sliceMs = 20): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
