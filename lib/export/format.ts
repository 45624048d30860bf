// Number formatting for exported tables: percentages with one decimal, averages with two (SPEC §4).

/**
 * `x` rounded half away from zero to `digits` decimals. Float noise is removed first, so
 * 1.005 → "1.01" (plain toFixed gives "1.00"). Non-finite values render as "—".
 */
export function fixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return "—";
  const scale = 10 ** digits;
  const r = Math.round(Number((Math.abs(x) * scale).toPrecision(12)));
  return `${r !== 0 && x < 0 ? "-" : ""}${(r / scale).toFixed(digits)}`;
}

/** A fraction in [0,1] as a percentage with one decimal: 0.4 → "40.0". */
export const pct1 = (fraction: number): string => fixed(fraction * 100, 1);

/** count/total as a percentage with one decimal; a zero total gives "0.0". 33/100 → "33.0". */
export const share1 = (count: number, total: number): string => (total === 0 ? "0.0" : fixed((count * 100) / total, 1));

/** An average with two decimals: 1.594 → "1.59". */
export const avg2 = (x: number): string => fixed(x, 2);

/** "126 (50.4%)" — count with its share of total, as in the papers' Table 2. */
export const countWithPct = (count: number, total: number): string => `${count} (${share1(count, total)}%)`;
