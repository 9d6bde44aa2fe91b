import * as z from 'zod';
import { idSchema, lineText, monthSchema, pageOf, pageQuery } from '#api/common/common-schemas';
import { userIdSchema } from '#api/users/users-schemas';
import { customerTypes } from '#domain/accounts/account';
import { commissionStates, gapReasons, instalmentStatuses } from '#domain/commissions/commission';
import { dueAnchors } from '#domain/commissions/commission-rule';
import { maxMonthlyInstalments, maxPayoutSteps } from '#domain/commissions/rule-validation';
import { commodities } from '#domain/energy/supply-point-identifier';

const minor = (description: string) => z.int().meta({ description });
const basisPoints = (description: string) => z.int().min(0).max(10_000).meta({ description });
const nonNegativeMinor = (description: string) =>
  z.int().min(0).max(Number.MAX_SAFE_INTEGER).meta({ description });
const day = (description: string) => z.iso.date().meta({ description, example: '2027-01-01' });
const month = monthSchema();
// Codes of the tenant's territories and band tables (`#` separates key parts).
const code = z.string().regex(/^[^#\p{Cc}]{1,40}$/u, 'use 1–40 characters, without "#"');

export const commissionParams = z.object({ commissionId: idSchema });
export const instalmentParams = z.object({
  commissionId: idSchema,
  instalmentId: z.string().regex(/^\d{1,3}-\d{1,2}$/, 'an instalment id such as 1-0'),
});
export const ruleParams = z.object({ ruleId: idSchema });
export const contractParams = z.object({ contractId: idSchema });
export const monthParams = z.object({ month });
export const statementParams = z.object({ userId: userIdSchema, month });

export const commissionListQuery = z.strictObject({
  ...pageQuery,
  state: z.enum(commissionStates).optional().meta({ description: 'Only commissions in this state.' }),
});
export const companyReportQuery = z.strictObject({ from: month, to: month });

const matchSchema = z
  .strictObject({
    productId: idSchema.optional(),
    customerType: z.enum(customerTypes).optional(),
    commodity: z.enum(commodities).optional(),
    bandCode: code.optional().meta({ description: 'Every supply point priced in this consumption band.' }),
    consumptionKwh: z
      .strictObject({
        from: z.int().min(0).optional().meta({ description: 'kWh, included.' }),
        to: z.int().min(1).optional().meta({ description: 'kWh, excluded.' }),
      })
      .optional()
      .meta({ description: 'The contract’s annual consumption, all supply points together.' }),
    territoryCode: code
      .optional()
      .meta({ description: 'Every supply point in this distribution territory.' }),
    dealTypeId: idSchema.optional(),
  })
  .meta({
    id: 'CommissionRuleMatch',
    description:
      'What the rule matches; an absent criterion matches anything. The most specific matching rule (most criteria) wins; equally specific rules that could match the same contract are refused (409 rule-overlap).',
  });

const amountSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed'), amountMinor: nonNegativeMinor('Per contract.') }),
    z.strictObject({
      kind: z.literal('per-mwh'),
      amountPerMwhMinor: nonNegativeMinor('Per MWh of the supply points’ annual consumption.'),
    }),
    z.strictObject({
      kind: z.literal('margin-share'),
      basisPoints: basisPoints(
        'Share of the first-year margin (price-list margin per MWh × annual consumption).',
      ),
    }),
  ])
  .meta({ id: 'CommissionAmount', description: 'How much a matching contract earns, in minor units.' });

const stepSchema = z.strictObject({
  basisPoints: basisPoints('Share of the participant’s part.').min(1),
  anchor: z.enum(dueAnchors),
  afterMonths: z.int().min(0).max(60),
});

const payoutSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('one-off'),
      anchor: z.enum(dueAnchors),
      afterMonths: z.int().min(0).max(60).default(0),
    }),
    z.strictObject({ kind: z.literal('steps'), steps: z.array(stepSchema).min(1).max(maxPayoutSteps) }),
    z.strictObject({
      kind: z.literal('monthly'),
      anchor: z.enum(dueAnchors),
      months: z.int().min(1).max(maxMonthlyInstalments),
    }),
  ])
  .meta({
    id: 'CommissionPayout',
    description:
      'How each participant’s part is paid: at once, in steps (e.g. 7000 bp at supply start, 3000 bp 12 months later) or monthly. `supply-start` counts from the contract’s supply start as known when it was signed: the requested start unless it had started.',
  });

const ruleContentFields = {
  name: lineText.min(1).max(120),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
  match: matchSchema,
  amount: amountSchema,
  split: z
    .strictObject({
      companyBasisPoints: basisPoints('The company’s part.'),
      salesBasisPoints: basisPoints('The sellers’ part, split by the deal participants’ shares.'),
    })
    .meta({ description: 'Adds up to 10 000 basis points.' }),
  payout: payoutSchema,
  clawback: z
    .strictObject({
      windowMonths: z.int().min(0).max(60).meta({
        description:
          'A termination within this many months of the supply start claws back; a withdrawal always does.',
      }),
      proRata: z.boolean().default(false).meta({
        description: 'Claw back paid instalments only for the months of the window not served.',
      }),
    })
    .meta({ description: 'When a contract falling away takes the commission back.' }),
};

export const ruleBody = z
  .strictObject({
    ...ruleContentFields,
    active: z.boolean().default(true),
    validFrom: day('The first day this version applies (signing day); today when absent.').optional(),
  })
  .meta({ id: 'CommissionRuleRequest' });

export const retireBody = z.strictObject({
  validFrom: day('The first day the rule no longer applies; today when absent.').optional(),
});

const ruleVersionSchema = z
  .object({
    ...ruleContentFields,
    clawback: z.object({ windowMonths: z.int(), proRata: z.boolean() }),
    active: z.boolean(),
    ruleId: z.string(),
    version: z.int(),
    validFrom: z.iso.date(),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
  })
  .meta({ id: 'CommissionRuleVersion' });

export const ruleSchema = z
  .object({
    id: z.string(),
    current: ruleVersionSchema,
    versions: z.array(ruleVersionSchema).meta({ description: 'Every version, oldest first.' }),
  })
  .meta({ id: 'CommissionRule', description: 'A rule; its ETag is the current version.' });

export const ruleList = z.object({ items: z.array(ruleSchema) }).meta({ id: 'CommissionRuleList' });

const instalmentSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    step: z.int(),
    dueDate: z.iso.date(),
    amountMinor: minor('Minor units of the commission’s currency.'),
    status: z.enum(instalmentStatuses).meta({
      description:
        'pending → due (daily job) → approved → paid; or held (until released), or cancelled by a clawback.',
    }),
    dueAt: z.iso.datetime().optional(),
    approvedAt: z.iso.datetime().optional(),
    approvedBy: z.string().optional(),
    paidAt: z.iso.datetime().optional(),
    paidOn: z.iso.date().optional().meta({ description: 'The tenant’s day it was paid.' }),
    paidBy: z.string().optional(),
    paymentReference: z.string().optional(),
    recoveredMinor: minor('Of the amount, what settled the participant’s clawed-back debt.').optional(),
    heldAt: z.iso.datetime().optional(),
    holdReason: z.string().optional(),
    cancelledAt: z.iso.datetime().optional(),
    cancelledOn: z.iso.date().optional(),
  })
  .meta({ id: 'CommissionInstalment' });

export const commissionSchema = z
  .object({
    id: z.string(),
    contractId: z.string(),
    contractNumber: z.string(),
    accountId: z.string(),
    accountName: z.string(),
    dealId: z.string(),
    productId: z.string(),
    productCode: z.string(),
    signedAt: z.iso.datetime(),
    signedOn: z.iso.date(),
    currency: z.string(),
    rule: ruleVersionSchema.meta({ description: 'The rule version as it was on the signing day.' }),
    basis: z.object({ consumptionKwh: z.int(), firstYearMarginMinor: z.int().optional() }),
    totalMinor: minor('The whole commission.'),
    companyMinor: minor('The company’s part.'),
    salesMinor: minor('The sellers’ part; the participants’ amounts add up to it exactly.'),
    participants: z.array(z.object({ userId: z.string(), shareBasisPoints: z.int(), amountMinor: z.int() })),
    instalments: z.array(instalmentSchema),
    state: z.enum(commissionStates),
    clawbacks: z
      .array(
        z.object({
          userId: z.string(),
          amountMinor: minor('Negative: what the participant owes back.'),
          at: z.iso.datetime(),
          on: z.iso.date(),
          instalmentIds: z.array(z.string()),
        }),
      )
      .meta({ description: 'Negative entries for paid instalments clawed back; never edited.' }),
    companyClawbackMinor: minor('Negative: the company part reversed.').optional(),
    clawedBackAt: z.iso.datetime().optional(),
    clawedBackOn: z.iso.date().optional(),
    clawbackReason: z.string().optional(),
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
  })
  .meta({ id: 'Commission' });

export const commissionPage = pageOf(commissionSchema, 'CommissionPage');

const gapSchema = z
  .object({
    contractId: z.string(),
    contractNumber: z.string(),
    accountName: z.string(),
    productCode: z.string(),
    signedAt: z.iso.datetime(),
    signedOn: z.iso.date(),
    reason: z.enum(gapReasons),
    detail: z.string(),
    ruleId: z.string().optional(),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'CommissionGap', description: 'A signed contract without a commission, and why.' });

export const gapPage = pageOf(gapSchema, 'CommissionGapPage');

export const retryResult = z
  .object({ commission: commissionSchema.optional(), gap: gapSchema.optional() })
  .meta({ id: 'CommissionRetryResult', description: 'The commission made now, or the gap as it still is.' });

export const instalmentIdsBody = z.strictObject({
  instalmentIds: z
    .array(z.string().regex(/^\d{1,3}-\d{1,2}$/))
    .min(1)
    .max(100),
});
export const holdBody = z.strictObject({ reason: lineText.min(1).max(500) });
export const payBody = z.strictObject({
  instalmentIds: z
    .array(z.string().regex(/^\d{1,3}-\d{1,2}$/))
    .min(1)
    .max(100),
  paymentReference: lineText.min(1).max(120),
});
export const cursorBody = z.strictObject({
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous call.' }),
});
export const payMonthBody = cursorBody.extend({ paymentReference: lineText.min(1).max(120) });

export const monthRunSchema = z
  .object({
    month: z.string(),
    commissions: z.int(),
    instalments: z.int(),
    amountMinor: z.int(),
    recoveredMinor: z.int(),
    failed: z.array(z.object({ commissionId: z.string(), reason: z.string() })).meta({
      description:
        'Commissions this call could not change (another change in between): call again with the same cursor to retry them.',
    }),
    nextCursor: z.string().optional().meta({ description: 'More commissions are left: call again with it.' }),
  })
  .meta({ id: 'CommissionMonthRun' });

export const statementSchema = z
  .object({
    userId: z.string(),
    month: z.string(),
    currency: z.string(),
    openingBalanceMinor: z.int(),
    earnedMinor: z.int(),
    dueMinor: z.int(),
    paidMinor: z.int(),
    recoveredMinor: z.int(),
    clawedBackMinor: z.int(),
    cancelledMinor: z.int(),
    balanceMinor: z.int().meta({
      description:
        'Earned and not yet paid or cancelled, less what the seller owes back; a negative balance carries into the next month.',
    }),
  })
  .meta({ id: 'CommissionStatement' });

export const companyReportSchema = z
  .object({
    items: z.array(
      z.object({
        month: z.string(),
        productCode: z.string(),
        earnedMinor: z.int(),
        clawedBackMinor: z.int(),
        netMinor: z.int(),
      }),
    ),
  })
  .meta({ id: 'CommissionCompanyReport' });
