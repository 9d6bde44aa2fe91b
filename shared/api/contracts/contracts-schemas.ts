import * as z from 'zod';
import {
  idSchema,
  lineText,
  multilineText,
  pageOf,
  systemWrittenAuditFields,
} from '#api/common/common-schemas';
import { addressKinds, customerTypes } from '#domain/accounts/account';
import { communicationChannels } from '#domain/accounts/contact';
import { contractStates, transitionActors } from '#domain/contracts/contract';
import { signingOrders } from '#domain/contracts/e-signature';
import { templateKinds } from '#domain/contracts/template-kinds';
import { commodities } from '#domain/energy/supply-point-identifier';

const minor = (description: string) => z.int().meta({ description });
const day = (description: string) => z.iso.date().meta({ description, example: '2027-01-01' });

export const contractParams = z.object({ contractId: idSchema });
export const dealParams = z.object({ dealId: idSchema });

export const contractListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25).meta({ description: 'Items per page, 1–100.' }),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
  state: z.enum(contractStates).optional().meta({ description: 'Only contracts in this state.' }),
});

const termSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('indefinite') }),
    z.strictObject({
      kind: z.literal('fixed'),
      months: z.int().min(1).max(120),
      endDate: day('The last day of supply; set when the supply starts.').optional(),
    }),
  ])
  .meta({ id: 'ContractTerm', description: 'Indefinite, or fixed for `months` from the supply start.' });

const storedDocument = z
  .object({ key: z.string(), sizeBytes: z.int(), storedAt: z.iso.datetime() })
  .meta({ id: 'StoredDocument', description: 'A PDF in the files bucket; download it through `/document`.' });

export const contractSchema = z
  .object({
    ...systemWrittenAuditFields,
    number: z
      .string()
      .meta({ description: 'From the tenant’s gap-free sequence of the year.', example: '2026-000042' }),
    state: z.enum(contractStates).meta({
      description:
        'draft → sent → signed | declined | expired; draft or sent → cancelled; signed → active → ended; signed or active → withdrawn | terminated.',
    }),
    stateChangedAt: z.iso.datetime(),
    accountId: z.string(),
    party: z
      .object({
        accountId: z.string(),
        name: z.string(),
        orgNumber: z.string().optional(),
        customerType: z.enum(customerTypes),
        country: z.string(),
        addresses: z.array(
          z.object({
            kind: z.enum(addressKinds),
            street: z.string(),
            postcode: z.string(),
            city: z.string(),
            country: z.string(),
          }),
        ),
        email: z.string().optional(),
        phones: z.array(z.string()),
      })
      .meta({ id: 'ContractParty', description: 'The account as it was when the contract was made.' }),
    signingPersons: z.array(
      z
        .object({
          contactId: z.string(),
          firstName: z.string(),
          lastName: z.string(),
          email: z.string().optional(),
          phone: z.string().optional(),
        })
        .meta({ id: 'SigningPerson' }),
    ),
    deal: z
      .object({
        dealId: z.string(),
        title: z.string(),
        ownerId: z.string(),
        participants: z.array(z.object({ userId: z.string(), shareBasisPoints: z.int() })),
        typeId: z.string().optional(),
      })
      .meta({
        id: 'ContractDeal',
        description: 'The deal with its participants and shares when the contract was made.',
      }),
    offer: z.object({ offerId: z.string(), versionNumber: z.int() }).optional(),
    lines: z.array(
      z
        .object({
          supplyPointId: z.string(),
          identifier: z.string().meta({ description: 'EIC or GSRN of the supply point.' }),
          commodity: z.enum(commodities),
          country: z.string(),
          territoryCode: z.string(),
          bandCode: z
            .string()
            .optional()
            .meta({ description: 'The consumption band the line was priced in.' }),
          annualConsumptionKwh: z.int().optional(),
          productId: z.string(),
          productCode: z.string(),
          productName: z.string(),
          priceListVersion: z.int(),
          unitPricePerMwhMinor: minor('Energy price per MWh, minor units.'),
          monthlyFeeMinor: minor('Fixed fee per month, minor units.'),
          currency: z.string(),
          offeredAnnualCost: minor('What the supply point costs a year at these prices, minor units.'),
        })
        .meta({ id: 'ContractLine' }),
    ),
    currency: z.string(),
    offeredAnnualCost: minor('The lines’ annual cost added up, minor units.'),
    requestedStartDate: day('The supply start asked for, no earlier than the market rule allows.'),
    supplyStartDate: day('The day the supply started.').optional(),
    term: termSchema,
    communication: z.enum(communicationChannels).meta({
      description: 'electronic: e-signature and e-mail only; paper: a printed copy by post, no e-signature.',
    }),
    locale: z.string(),
    templateId: z.string().optional(),
    document: storedDocument.optional(),
    signedDocument: storedDocument.optional(),
    signedAt: z.iso.datetime().optional(),
    signing: z
      .object({
        provider: z.literal('signi'),
        externalId: z.string().optional(),
        sentAt: z.iso.datetime().optional(),
        lastError: z
          .string()
          .optional()
          .meta({ description: 'Why the last attempt to send failed; retried while the provider is down.' }),
        lastErrorAt: z.iso.datetime().optional(),
        attempts: z.int(),
      })
      .optional()
      .meta({ id: 'SigningStatus' }),
    endDate: day('The last day of supply of a terminated or ended contract.').optional(),
    terminationReason: z.string().optional(),
    renewalDealId: z.string().optional(),
  })
  .meta({ id: 'Contract', description: 'The ETag is `version`; state changes need it in If-Match.' });

export const contractPage = pageOf(contractSchema, 'ContractPage');

export const contractTransitionSchema = z
  .object({
    contractId: z.string(),
    version: z.int().meta({ description: 'The contract version this transition made.' }),
    at: z.iso.datetime(),
    from: z.enum(contractStates).nullable(),
    to: z.enum(contractStates),
    actor: z.object({ kind: z.enum(transitionActors), id: z.string() }),
    reason: z.string().optional(),
  })
  .meta({ id: 'ContractTransition' });

export const contractHistorySchema = z
  .object({ items: z.array(contractTransitionSchema) })
  .meta({ id: 'ContractHistory', description: 'Every transition, oldest first.' });

export const createContractBody = z
  .strictObject({
    productId: idSchema.meta({
      description: 'The product; the deal’s supply points are priced with it today.',
    }),
    requestedStartDate: z.iso.date().optional().meta({
      description:
        'The supply start asked for; the earliest day the market rule allows when absent or earlier.',
    }),
  })
  .meta({ id: 'ContractRequest' });

export const updateDraftBody = z
  .strictObject({
    requestedStartDate: z.iso
      .date()
      .optional()
      .meta({ description: 'No earlier than the market allows from today.' }),
    communication: z.enum(communicationChannels).optional(),
    term: termSchema.optional(),
    signingContactIds: z.array(idSchema).min(1).max(10).optional().meta({
      description: 'Contacts of the contract’s account who sign, in signing order.',
    }),
  })
  .meta({
    id: 'UpdateContractDraft',
    description: 'Only the fields sent change; a draft being sent cannot change.',
  });

export const reasonBody = z.strictObject({ reason: multilineText.max(500).optional() });
export const requiredReasonBody = z.strictObject({ reason: multilineText.min(1).max(500) });
export const activateBody = z.strictObject({ supplyStartDate: z.iso.date() });
export const terminateBody = z.strictObject({
  reason: multilineText.min(1).max(500),
  endDate: z.iso.date().meta({ description: 'The last day of supply.' }),
});

export const downloadSchema = z
  .object({ url: z.string(), fileName: z.string(), signed: z.boolean() })
  .meta({ id: 'ContractDownload', description: 'A pre-signed link, valid for 15 minutes.' });

const signingParty = z.strictObject({
  firstName: lineText.min(1).max(100),
  lastName: lineText.min(1).max(100),
  email: z.email().max(254),
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +421901234567')
    .optional(),
});

const templateText = multilineText.max(4000);

const templateSchema = z
  .strictObject({
    id: lineText.min(1).max(64),
    kind: z
      .enum(templateKinds)
      .optional()
      .meta({ description: 'What it fills: a contract (when absent) or a sent offer version.' }),
    locale: z.string().regex(/^[a-z]{2}$/),
    title: lineText.min(1).max(300),
    sections: z
      .array(
        z.discriminatedUnion('kind', [
          z.strictObject({
            kind: z.literal('text'),
            heading: lineText.max(200).optional(),
            body: templateText,
          }),
          z.strictObject({
            kind: z.literal('lines'),
            heading: lineText.max(200).optional(),
            columns: z
              .array(z.strictObject({ header: lineText.min(1).max(60), value: lineText.min(1).max(200) }))
              .min(1)
              .max(12),
          }),
        ]),
      )
      .min(1)
      .max(50),
  })
  .meta({
    id: 'ContractTemplate',
    description:
      'Sections with placeholders such as `{{party.name}}` (required) or `{{party.orgNumber?}}` (may be empty); a `lines` section is a table with a row per supply point, its cells `{{line.…}}`. The vocabularies are in docs/architecture.md, "Contract documents" and "Offer documents".',
  });

export const contractRulesSchema = z
  .strictObject({
    locale: z
      .string()
      .regex(/^[a-z]{2}$/)
      .meta({ description: 'Language of the documents, e.g. sk, sv.' }),
    proposer: signingParty
      .optional()
      .meta({ description: 'The tenant’s person who proposes every contract at Signi.' }),
    signingOrder: z.enum(signingOrders),
    recheckAfterDays: z.int().min(0).max(60),
    withdrawalDays: z.int().min(0).max(60),
    renewalNoticeDays: z.int().min(0).max(365),
    defaultTerm: termSchema,
    supplyStartRules: z
      .array(
        z.strictObject({
          country: z.string().regex(/^[A-Z]{2}$/),
          kind: z.enum(['first-of-month', 'any-day']),
          minDays: z.int().min(0).max(365),
        }),
      )
      .max(50),
    templates: z.array(templateSchema).max(20).meta({
      description:
        'The tenant’s contract and offer templates, one per kind and language; the starting templates serve the others.',
    }),
  })
  .meta({ id: 'ContractRules' });

export const contractSettingsSchema = contractRulesSchema
  .extend({
    tenantId: z.string(),
    version: z.int(),
    updatedAt: z.iso.datetime().optional(),
    updatedBy: z.string().optional(),
  })
  .meta({ id: 'ContractSettings' });

export const printBatchParams = z.object({
  day: z.iso.date().meta({ description: 'The day the batch was collected, YYYY-MM-DD.' }),
});

export const printBatchSchema = z
  .object({
    tenantId: z.string(),
    day: z.string(),
    documents: z.array(
      z.object({
        contractId: z.string(),
        number: z.string(),
        customer: z.string(),
        address: z.string(),
        documentKey: z.string(),
      }),
    ),
    coverKey: z.string(),
    manifestKey: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PrintBatch', description: 'A day’s paper contracts, collected for printing and posting.' });

export const printBatchPage = pageOf(printBatchSchema, 'PrintBatchPage');

export const printBatchDownloadSchema = z
  .object({ coverUrl: z.string(), manifestUrl: z.string() })
  .meta({ id: 'PrintBatchDownload', description: 'Pre-signed links, valid for 15 minutes.' });
