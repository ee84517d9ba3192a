/** Runs `fn` repeatedly for about `ms` milliseconds and returns calls per second. */
export function rate(fn: () => void, ms: number, minCalls = 3): number {
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms || calls < minCalls) {
    fn();
    calls++;
    now = performance.now();
  }
  return (calls * 1000) / (now - start);
}

/** Median of `windows` timed windows (after a warm-up window) of `fn`, in calls per second. */
export function medianRate(
  fn: () => void,
  options: { warmupMs: number; windowMs: number; windows: number },
): number {
  rate(fn, options.warmupMs);
  const rates: number[] = [];
  for (let i = 0; i < options.windows; i++) rates.push(rate(fn, options.windowMs));
  rates.sort((a, b) => a - b);
  const mid = rates.length >> 1;
  return rates.length % 2 ? rates[mid]! : (rates[mid - 1]! + rates[mid]!) / 2;
}
