import * as z from 'zod';
import { auditFields, lineText, pageOf, pageQuery } from '#api/common/common-schemas';
import { roles } from '#domain/users/roles';

/** A user id is the sign-in account's `sub`: a UUID in the cloud, a ULID locally. */
export const userIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'not a user id of this API')
  .meta({ description: 'The user’s `sub`, as in its token.' });

const roleList = z
  .array(z.enum(roles))
  .min(1)
  .max(roles.length * 2)
  .meta({ description: 'At least one; duplicates are dropped.' });

const name = lineText.min(1).max(200);

export const createUserBody = z
  .strictObject({
    email: z.string().min(3).max(254).meta({
      description:
        'The sign-in name: unique per tenant and across the user pool, cannot be changed. The invitation goes to it.',
      example: 'anna.berg@norrsken.example',
    }),
    name: name.meta({ example: 'Anna Berg' }),
    roles: roleList,
  })
  .meta({ id: 'CreateUser' });

export const updateUserBody = z
  .strictObject({ name: name.optional(), roles: roleList.optional() })
  .meta({ id: 'UpdateUser', description: 'Only the fields sent change.' });

export const userSchema = z
  .object({
    ...auditFields,
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(roles)),
    active: z.boolean().meta({ description: 'A deactivated user cannot sign in and gets no new work.' }),
    deactivatedAt: z.iso.datetime().optional(),
    username: z.string().meta({ description: 'The sign-in account’s username at the identity provider.' }),
  })
  .meta({ id: 'User' });

export const userPage = pageOf(userSchema, 'UserPage');

export const userListQuery = z.strictObject({
  ...pageQuery,
  q: lineText.min(1).max(254).optional().meta({ description: 'E-mail prefix; case is ignored.' }),
});
