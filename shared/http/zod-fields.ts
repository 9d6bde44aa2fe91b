import type { ZodError } from 'zod';
import type { InvalidField } from '#domain/errors';

/**
 * One entry per field at fault; an unknown key is named itself, a missing
 * body `body`. Apart from the problem documents: the import worker checks
 * rows with it and answers no HTTP.
 */
export function fieldsOfZodError(error: ZodError): InvalidField[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ name: [...at, key].join('.'), reason: 'is not a known field' }));
    }
    return [{ name: at.join('.') || 'body', reason: issue.message }];
  });
}
