/**
 * The functions that were still over their budget when it was set, each with
 * the size in KiB it may not pass. The list only shrinks: the budget test
 * fails when a listed function grows past its ceiling, and when one comes
 * within its budget while still listed (take it off). ADR 0022 says what
 * keeps each one over.
 */
export const overBudgetCeilingsKiB: Readonly<Record<string, number>> = {};
