import type { z } from 'zod';
import { createAccountBody, createContactBody } from '#api/accounts/record-bodies';
import type { DraftChecks } from '#domain/import/import-row';
import { fieldsOfZodError } from '#http/zod-fields';

const checkWith = (schema: z.ZodType) => (draft: Readonly<Record<string, unknown>>) => {
  const result = schema.safeParse(draft);
  return result.success ? [] : fieldsOfZodError(result.error);
};

/** An imported row is held to the bodies `POST /v1/accounts` and `POST /v1/contacts` accept. */
export const apiDraftChecks: DraftChecks = {
  account: checkWith(createAccountBody),
  contact: checkWith(createContactBody),
};
