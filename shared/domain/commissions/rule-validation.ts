import { isCurrencyCode } from '#domain/energy/pricing/product';
import { type InvalidField, ValidationError } from '#domain/errors';
import type { PayoutModel, RuleContent } from './commission-rule';

export const fullShare = 10_000;
/** Bounds what one commission writes: participants × due dates stay well inside one transaction. */
export const maxPayoutSteps = 12;
export const maxMonthlyInstalments = 36;

const sumOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function payoutProblems(payout: PayoutModel): InvalidField[] {
  if (payout.kind === 'steps') {
    if (payout.steps.length === 0 || payout.steps.length > maxPayoutSteps) {
      return [{ name: 'payout.steps', reason: `give 1–${maxPayoutSteps} steps` }];
    }
    const total = sumOf(payout.steps.map((s) => s.basisPoints));
    return total === fullShare
      ? []
      : [{ name: 'payout.steps', reason: `the steps' basisPoints add up to ${total}, not ${fullShare}` }];
  }
  if (payout.kind === 'monthly' && (payout.months < 1 || payout.months > maxMonthlyInstalments)) {
    return [{ name: 'payout.months', reason: `must be 1–${maxMonthlyInstalments}` }];
  }
  return [];
}

/**
 * The rules of a rule's content that one field alone cannot say: the split
 * and the steps add up to 10 000 basis points, a consumption range is not
 * empty, the currency exists. Field types and bounds are the API schema's.
 */
export function validateRuleContent(content: RuleContent): RuleContent {
  const invalid: InvalidField[] = [];
  if (!isCurrencyCode(content.currency)) {
    invalid.push({ name: 'currency', reason: 'must be an ISO 4217 currency code' });
  }
  const { companyBasisPoints, salesBasisPoints } = content.split;
  if (companyBasisPoints + salesBasisPoints !== fullShare) {
    invalid.push({
      name: 'split',
      reason: `companyBasisPoints + salesBasisPoints is ${companyBasisPoints + salesBasisPoints}, not ${fullShare}`,
    });
  }
  const range = content.match.consumptionKwh;
  if (range && range.from === undefined && range.to === undefined) {
    invalid.push({ name: 'match.consumptionKwh', reason: 'give from, to or both' });
  } else if (range?.from !== undefined && range.to !== undefined && range.to <= range.from) {
    invalid.push({ name: 'match.consumptionKwh.to', reason: 'must be above from (to is excluded)' });
  }
  invalid.push(...payoutProblems(content.payout));
  if (invalid.length > 0) throw new ValidationError(invalid);
  return content;
}
