import { UnprocessableError } from '#domain/errors';

/** Catches the UnprocessableError a call throws, failing the test when it throws none. */
export function unprocessableErrorOf(act: () => unknown): UnprocessableError {
  try {
    act();
  } catch (error) {
    if (error instanceof UnprocessableError) return error;
    throw error;
  }
  throw new Error('expected an UnprocessableError, but the call succeeded');
}
