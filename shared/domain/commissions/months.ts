import { ValidationError } from '#domain/errors';

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Refuses the fields that are not a month `YYYY-MM`, naming each. */
export function assertMonths(fields: Readonly<Record<string, string>>): void {
  const invalid = Object.entries(fields)
    .filter(([, value]) => !monthPattern.test(value))
    .map(([name]) => ({ name, reason: 'use YYYY-MM' }));
  if (invalid.length > 0) throw new ValidationError(invalid);
}
