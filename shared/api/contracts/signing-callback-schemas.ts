import * as z from 'zod';
import { contractStates } from '#domain/contracts/contract';

export const signiCallbackQuery = z.strictObject({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{20,200}$/, 'a base64url token')
    .meta({ description: 'The contract’s unguessable callback token.' }),
  state: z
    .enum(['completed', 'rejected', 'expired'])
    .optional()
    .meta({ description: 'The state the webhook was registered for; informative only.' }),
});

export const signiCallbackBody = z
  .object({
    contract_id: z.union([z.int(), z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Signi’s id of the document')]),
    state: z.string().regex(/^[a-z_]{1,40}$/, 'a Signi state word'),
    file: z.url().max(2048).optional(),
    attachments: z.array(z.unknown()).max(100).optional(),
  })
  .meta({
    id: 'SigniCallback',
    description: 'As Signi sends it; re-checked with Signi before anything changes.',
  });

export const signiCallbackResult = z
  .object({ contractId: z.string(), state: z.enum(contractStates) })
  .meta({ id: 'SigningCallbackResult' });
