/**
 * A campaign's cost per lead or per contract: its budget divided by the
 * count, in minor units, rounded half up (exact: integers, the division in
 * BigInt so no budget loses a unit). None when nothing was counted yet.
 */
export function costPer(budgetMinor: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  const budget = BigInt(budgetMinor);
  const n = BigInt(count);
  return Number((2n * budget + n) / (2n * n));
}
