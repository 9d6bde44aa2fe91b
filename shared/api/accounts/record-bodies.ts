import * as z from 'zod';
import { lineText, multilineText } from '#api/common/common-schemas';
import { addressKinds, customerTypes } from '#domain/accounts/account';
import { communicationChannels } from '#domain/accounts/contact';

/*
 * The bodies that create and change accounts and contacts. A file of its
 * own: an import holds each row to the create bodies, and zod schemas built
 * at module level stay in a bundle whether used or not, so the import
 * functions carry none of the accounts API's other schemas.
 */

const country = z.string().regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code');
const phones = z.array(z.string().min(3).max(40)).max(10);
export const refId = lineText.min(1).max(64);
/** Each category is kept as its own item, in the transaction of the change: a bounded list. */
const categoryIds = z
  .array(refId)
  .max(30)
  .optional()
  .meta({ description: 'Tenant categories whose scope allows this kind of record; at most 30.' });

export const address = z
  .object({
    kind: z.enum(addressKinds),
    street: lineText.min(1).max(200),
    postcode: lineText.min(1).max(20),
    city: lineText.min(1).max(100),
    country,
  })
  .meta({ id: 'Address' });

export const communicationPreferenceDescription =
  'How the customer gets documents (R-CO-3). `electronic`: contracts by e-signature and e-mail, no paper-only mailings; `paper`: printed documents by post, no e-signature.';

const accountFields = {
  name: lineText.min(1).max(200),
  country: country.optional().meta({ description: "Defaults to the tenant's country." }),
  orgNumber: z.string().max(40).nullish().meta({
    description: 'SE organisationsnummer (Luhn) or SK/CZ IČO (mod 11); unique per tenant.',
    example: '556036-0793',
  }),
  legalForm: lineText.max(200).nullish(),
  customerType: z.enum(customerTypes),
  addresses: z.array(address).max(10).optional(),
  phones: phones.optional().meta({ description: 'Any common format; stored in E.164.' }),
  email: z.string().max(254).nullish(),
  website: lineText.max(200).nullish(),
  industryId: refId.nullish(),
  categoryIds,
  statusTypeId: refId.nullish(),
  ownerId: refId.nullish(),
  communicationPreference: z
    .enum(communicationChannels)
    .optional()
    .meta({
      description: `${communicationPreferenceDescription} Defaults to \`electronic\`.`,
    }),
};

export const createAccountBody = z.strictObject(accountFields).meta({ id: 'CreateAccount' });
export const updateAccountBody = z
  .strictObject({
    ...accountFields,
    name: accountFields.name.optional(),
    customerType: accountFields.customerType.optional(),
    communicationPreference: z
      .enum(communicationChannels)
      .optional()
      .meta({ description: communicationPreferenceDescription }),
  })
  .meta({ id: 'UpdateAccount', description: 'Only the fields sent change; `null` clears a field.' });

const contactFields = {
  firstName: lineText.min(1).max(100),
  lastName: lineText.min(1).max(100),
  email: z.string().max(254).nullish(),
  phones: phones
    .optional()
    .meta({ description: "Any common format, national ones in the tenant's country; stored in E.164." }),
  externalCustomerId: lineText.max(64).nullish().meta({ description: 'Unique per tenant.' }),
  contactTypeId: refId.nullish(),
  keywords: z.array(refId).max(20).optional().meta({
    description:
      "Ids of the tenant's keywords (R-ST-5, `/v1/settings/keywords`); each is counted on the keyword in the change's transaction, so at most 20.",
  }),
  categoryIds,
  newsletterConsent: z.boolean().optional(),
  greeting: lineText.max(200).nullish(),
  information: multilineText.max(5000).nullish(),
  accountId: refId.nullish(),
  isSigningPerson: z.boolean().optional(),
  preferredChannel: z.enum(communicationChannels).optional(),
};

export const createContactBody = z.strictObject(contactFields).meta({ id: 'CreateContact' });
export const updateContactBody = z
  .strictObject({
    ...contactFields,
    firstName: contactFields.firstName.optional(),
    lastName: contactFields.lastName.optional(),
  })
  .meta({ id: 'UpdateContact', description: 'Only the fields sent change; `null` clears a field.' });
