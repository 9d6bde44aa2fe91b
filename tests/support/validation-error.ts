import { ValidationError } from '#domain/errors';

/** Catches the ValidationError a call throws, failing the test when it throws none. */
export function validationErrorOf(act: () => unknown): ValidationError {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError, but the call succeeded');
}

/** The fields named by the ValidationError a call throws; fails the test when it throws none. */
export const invalidFieldsOf = (act: () => unknown): string[] =>
  validationErrorOf(act).fields.map((f) => f.name);
