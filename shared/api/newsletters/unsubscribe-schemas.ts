import * as z from 'zod';

/** The link's token: base64url payload and signature; its signature, checked after, decides whether it is ours. */
export const unsubscribeParams = z.object({
  token: z
    .string()
    .max(2048)
    .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'not an unsubscribe link of this API'),
});
