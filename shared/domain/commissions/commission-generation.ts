import type { Contract } from '#domain/contracts/contract';
import { plusMonths } from '#domain/contracts/supply-start';
import { divideRoundingHalfAwayFromZero } from '#domain/energy/exact';
import { allocate, basisPointsOf } from './allocation';
import type { Commission, CommissionGap, CommissionParticipant, Instalment } from './commission';
import type { DueAnchor, PayoutModel, RuleVersion } from './commission-rule';
import { factsOf } from './rule-matching';

/** Each contract line's margin per MWh from its price list; undefined where the price has none. */
export type LineMargins = readonly (number | undefined)[];

export interface Signing {
  readonly contract: Contract;
  /** YYYY-MM-DD in the tenant's zone. */
  readonly signedOn: string;
  readonly now: string;
  readonly actorId: string;
}

export type Outcome =
  | { readonly kind: 'commission'; readonly commission: Commission }
  | { readonly kind: 'gap'; readonly gap: CommissionGap };

/** `perMwh × kWh / 1000`, rounded half away from zero. */
const perKwh = (perMwhMinor: number, kwh: number): bigint =>
  divideRoundingHalfAwayFromZero(BigInt(perMwhMinor) * BigInt(kwh), 1000n);

/** The first-year margin: each line's margin per MWh times its annual consumption, rounded once. */
export function firstYearMargin(contract: Contract, margins: LineMargins): number | undefined {
  if (margins.some((m) => m === undefined) || margins.length !== contract.lines.length) return undefined;
  const exact = contract.lines.reduce(
    (sum, line, i) => sum + BigInt(margins[i] as number) * BigInt(line.annualConsumptionKwh ?? 0),
    0n,
  );
  return Number(divideRoundingHalfAwayFromZero(exact, 1000n));
}

function gap(signing: Signing, reason: CommissionGap['reason'], detail: string, ruleId?: string): Outcome {
  const { contract } = signing;
  return {
    kind: 'gap',
    gap: {
      tenantId: contract.tenantId,
      contractId: contract.id,
      contractNumber: contract.number,
      accountName: contract.party.name,
      productCode: contract.lines[0]?.productCode ?? '',
      signedAt: contract.signedAt ?? signing.now,
      signedOn: signing.signedOn,
      reason,
      detail,
      ...(ruleId ? { ruleId } : {}),
      recordedAt: signing.now,
    },
  };
}

/** Whose due date counts from what: the signing day, or the supply start (expected until known). */
const anchorDay = (anchor: DueAnchor, signing: Signing): string =>
  anchor === 'signing'
    ? signing.signedOn
    : (signing.contract.supplyStartDate ?? signing.contract.requestedStartDate);

/** The payout model as steps of one participant's part: weight and due date each. */
function stepsOf(payout: PayoutModel, signing: Signing): { weight: number; dueDate: string }[] {
  if (payout.kind === 'one-off') {
    return [{ weight: 1, dueDate: plusMonths(anchorDay(payout.anchor, signing), payout.afterMonths) }];
  }
  if (payout.kind === 'monthly') {
    const start = anchorDay(payout.anchor, signing);
    return Array.from({ length: payout.months }, (_, k) => ({ weight: 1, dueDate: plusMonths(start, k) }));
  }
  return payout.steps.map((s) => ({
    weight: s.basisPoints,
    dueDate: plusMonths(anchorDay(s.anchor, signing), s.afterMonths),
  }));
}

function instalmentsOf(
  participants: readonly CommissionParticipant[],
  payout: PayoutModel,
  signing: Signing,
): Instalment[] {
  const steps = stepsOf(payout, signing);
  return participants.flatMap((p, index) => {
    const amounts = allocate(
      p.amountMinor,
      steps.map((s) => s.weight),
    );
    return steps
      .map((s, i) => ({
        id: `${i + 1}-${index}`,
        userId: p.userId,
        step: i + 1,
        dueDate: s.dueDate,
        amountMinor: amounts[i] as number,
        status: 'pending' as const,
      }))
      .filter((instalment) => instalment.amountMinor > 0);
  });
}

/**
 * The commission of a signed contract under `rule` (the most specific rule
 * in force on the signing day), or the gap an admin must see: no rule
 * matched, or a margin-share rule met a price without a margin.
 */
export function generate(signing: Signing, rule: RuleVersion | undefined, margins: LineMargins): Outcome {
  const { contract } = signing;
  if (!rule) {
    return gap(signing, 'no-rule', 'no commission rule in force on the signing day matches this contract');
  }
  const facts = factsOf(contract);
  if (rule.amount.kind !== 'fixed' && !facts.consumptionKnown) {
    return gap(
      signing,
      'no-consumption',
      `rule "${rule.name}" pays by consumption, but a supply point of the contract has no annual consumption`,
      rule.ruleId,
    );
  }
  let total: number;
  let firstYearMarginMinor: number | undefined;
  if (rule.amount.kind === 'fixed') total = rule.amount.amountMinor;
  else if (rule.amount.kind === 'per-mwh') {
    total = Number(perKwh(rule.amount.amountPerMwhMinor, facts.consumptionKwh));
  } else {
    firstYearMarginMinor = firstYearMargin(contract, margins);
    if (firstYearMarginMinor === undefined) {
      return gap(
        signing,
        'no-margin',
        `rule "${rule.name}" pays a share of the margin, but a price of the contract has no margin`,
        rule.ruleId,
      );
    }
    total = basisPointsOf(firstYearMarginMinor, rule.amount.basisPoints);
  }
  const [companyMinor = 0, salesMinor = 0] = allocate(total, [
    rule.split.companyBasisPoints,
    rule.split.salesBasisPoints,
  ]);
  const shares = contract.deal.participants;
  const parts = allocate(
    salesMinor,
    shares.map((p) => p.shareBasisPoints),
  );
  const participants = shares.map((p, i) => ({
    userId: p.userId,
    shareBasisPoints: p.shareBasisPoints,
    amountMinor: parts[i] as number,
  }));
  const first = contract.lines[0];
  return {
    kind: 'commission',
    commission: {
      tenantId: contract.tenantId,
      id: contract.id,
      contractId: contract.id,
      contractNumber: contract.number,
      accountId: contract.accountId,
      accountName: contract.party.name,
      dealId: contract.deal.dealId,
      productId: first?.productId ?? '',
      productCode: first?.productCode ?? '',
      signedAt: contract.signedAt ?? signing.now,
      signedOn: signing.signedOn,
      currency: contract.currency,
      rule,
      basis: {
        consumptionKwh: facts.consumptionKwh,
        ...(firstYearMarginMinor !== undefined ? { firstYearMarginMinor } : {}),
      },
      totalMinor: total,
      companyMinor,
      salesMinor,
      participants,
      instalments: instalmentsOf(participants, rule.payout, signing),
      state: 'active',
      clawbacks: [],
      version: 1,
      createdAt: signing.now,
      updatedAt: signing.now,
      updatedBy: signing.actorId,
    },
  };
}
