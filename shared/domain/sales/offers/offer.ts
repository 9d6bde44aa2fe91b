import { addDays, wallTimeOf } from '#domain/activities/zoned-time';
import { divideRoundingHalfAwayFromZero, toSafeNumber } from '#domain/energy/exact';
import { calendarDateReason, isCalendarDate } from '#domain/energy/pricing/calendar-date';
import type { Savings } from '#domain/energy/savings';
import { ConflictError, type InvalidField, NotFoundError, ValidationError } from '#domain/errors';
import { type ChangeContext, createdStamps, type Stamps, touched } from '#domain/stamps';

/**
 * Offers (R-SA-6): made from a deal for one product, priced for each of the
 * deal's supply points against its current tariff. Each change of terms is
 * a new version; a version is fixed once sent.
 *
 *   draft ─send→ sent ─accept→ accepted
 *   draft ─(a newer version is added)→ superseded
 *   sent ─(a newer version is sent)→ superseded
 *   draft ─(an earlier version is accepted)→ superseded
 *
 * A sent version past its last valid day shows as `expired`; that state is
 * derived on read, never stored, since it changes with the calendar alone.
 */
export const versionStates = ['draft', 'sent', 'accepted', 'superseded'] as const;
export type VersionState = (typeof versionStates)[number];
export const shownVersionStates = [...versionStates, 'expired'] as const;
export type ShownVersionState = (typeof shownVersionStates)[number];

/** The offer as a whole: its accepted version, its live sent version, or only drafts so far. */
export const offerStates = ['draft', 'sent', 'expired', 'accepted'] as const;
export type OfferState = (typeof offerStates)[number];

/** Bounds what reading an offer with all its versions costs. */
export const maxVersions = 99;
export const noteMaxLength = 2000;

/** One supply point of the deal, priced: money in minor units of `currency`. */
export interface OfferLine extends Savings {
  readonly supplyPointId: string;
  readonly territoryCode: string;
  readonly bandCode: string;
  readonly annualConsumptionKwh: number;
  /** The offered price, from the product's price list `priceListVersion`. */
  readonly unitPricePerMwhMinor: number;
  readonly monthlyFeeMinor: number;
  readonly priceListVersion: number;
}

/** The lines added up; `savingBasisPoints` of the totals, not an average of the lines'. */
export type OfferTotals = Savings;

/** What a new version is made of: the product, the day its prices are taken for, the priced lines. */
export interface VersionContent {
  readonly productId: string;
  readonly productCode: string;
  readonly productName: string;
  /** YYYY-MM-DD. */
  readonly pricingDate: string;
  readonly lines: readonly OfferLine[];
  readonly note?: string;
}

/** One version of an offer, in the offer's partition. Its content never changes; its state moves on. */
export interface OfferVersion extends VersionContent {
  readonly tenantId: string;
  readonly offerId: string;
  /** 1, 2, 3… */
  readonly number: number;
  readonly totals: OfferTotals;
  readonly state: VersionState;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly sentAt?: string;
  readonly sentBy?: string;
  /** YYYY-MM-DD, the last day the customer may accept, in the tenant's calendar. Set when sent. */
  readonly validUntil?: string;
  readonly acceptedAt?: string;
  readonly acceptedBy?: string;
  readonly supersededAt?: string;
  /** The version that replaced it. */
  readonly supersededBy?: number;
}

/** The offer's header: which versions exist and which one is live. Every change bumps its version. */
export interface Offer extends Stamps {
  readonly dealId: string;
  readonly accountId: string;
  readonly latestVersion: number;
  /** The version sent last, while it is not superseded. */
  readonly sentVersion?: number;
  /** The sent version's last valid day. */
  readonly validUntil?: string;
  readonly acceptedVersion?: number;
}

/** A version as a reader sees it, with `expired` derived. */
export type ShownVersion = Omit<OfferVersion, 'state'> & { readonly state: ShownVersionState };
export type ShownOffer = Offer & { readonly state: OfferState };

/** The result of a change: the header after it and every version item it writes. */
export interface OfferChange {
  readonly offer: Offer;
  readonly versions: readonly OfferVersion[];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (d: { year: number; month: number; day: number }) =>
  `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** The calendar day it is at `now` in the tenant's time zone, YYYY-MM-DD. */
export const todayIn = (now: Date, timeZone: string): string => isoDate(wallTimeOf(now, timeZone));

/** The last valid day of a version sent at `sentAt`: the day it was sent, in the tenant's zone, plus `validityDays`. */
export const lastValidDay = (sentAt: Date, timeZone: string, validityDays: number): string =>
  isoDate(addDays(wallTimeOf(sentAt, timeZone), validityDays));

export const isExpired = (version: Pick<OfferVersion, 'state' | 'validUntil'>, today: string): boolean =>
  version.state === 'sent' && version.validUntil !== undefined && today > version.validUntil;

export const shownVersion = (version: OfferVersion, today: string): ShownVersion => ({
  ...version,
  state: isExpired(version, today) ? 'expired' : version.state,
});

export function shownOffer(offer: Offer, today: string): ShownOffer {
  const state: OfferState =
    offer.acceptedVersion !== undefined
      ? 'accepted'
      : offer.sentVersion === undefined
        ? 'draft'
        : offer.validUntil !== undefined && today > offer.validUntil
          ? 'expired'
          : 'sent';
  return { ...offer, state };
}

/**
 * The lines added up exactly; the saving in basis points of the current
 * total is rounded half away from zero as for one supply point, null when
 * the current total is 0. Every line is in the product's currency; there
 * is at least one.
 */
export function offerTotals(lines: readonly OfferLine[]): OfferTotals {
  const sum = (pick: (line: OfferLine) => number) => lines.reduce((total, l) => total + BigInt(pick(l)), 0n);
  const current = sum((l) => l.currentAnnualCost);
  const offered = sum((l) => l.offeredAnnualCost);
  const saving = current - offered;
  return {
    currency: lines[0]?.currency ?? '',
    currentAnnualCost: toSafeNumber(current, 'the current annual cost of the offer'),
    offeredAnnualCost: toSafeNumber(offered, 'the offered annual cost of the offer'),
    saving: toSafeNumber(saving, 'the saving of the offer'),
    savingBasisPoints:
      current === 0n
        ? null
        : toSafeNumber(
            divideRoundingHalfAwayFromZero(saving * 10_000n, current),
            'the saving in basis points',
          ),
  };
}

function contentProblems(content: VersionContent): InvalidField[] {
  const invalid: InvalidField[] = [];
  if (!isCalendarDate(content.pricingDate)) invalid.push({ name: 'pricingDate', reason: calendarDateReason });
  if ((content.note?.length ?? 0) > noteMaxLength)
    invalid.push({ name: 'note', reason: `must be at most ${noteMaxLength} characters` });
  if (content.lines.length === 0)
    invalid.push({ name: 'supplyPointIds', reason: 'an offer needs a supply point' });
  return invalid;
}

function draftVersion(
  offerId: string,
  number: number,
  given: VersionContent,
  ctx: ChangeContext,
): OfferVersion {
  const { note: givenNote, ...content } = given;
  const note = givenNote?.trim() || undefined;
  const invalid = contentProblems({ ...content, note });
  if (invalid.length > 0) throw new ValidationError(invalid);
  return {
    tenantId: ctx.tenant.id,
    offerId,
    number,
    ...content,
    ...(note ? { note } : {}),
    totals: offerTotals(content.lines),
    state: 'draft',
    createdAt: ctx.now.toISOString(),
    createdBy: ctx.userId,
  };
}

/** A new offer of a deal with its first version, a draft. */
export function createOffer(
  id: string,
  deal: { readonly id: string; readonly accountId: string },
  content: VersionContent,
  ctx: ChangeContext,
): { offer: Offer; version: OfferVersion } {
  const version = draftVersion(id, 1, content, ctx);
  const offer: Offer = {
    ...createdStamps(id, ctx),
    dealId: deal.id,
    accountId: deal.accountId,
    latestVersion: 1,
  };
  return { offer, version };
}

/** The version `number` of the offer, or a 404 naming both. */
export function versionOf(offer: Offer, versions: readonly OfferVersion[], number: number): OfferVersion {
  const version = versions.find((v) => v.number === number);
  if (!version) throw new NotFoundError('version', `${number} of offer ${offer.id}`);
  return version;
}

function refusal(version: OfferVersion, state: ShownVersionState, message: string): ConflictError {
  return new ConflictError('invalid-state', message, [
    { name: 'version.state', reason: `version ${version.number} is ${state}` },
  ]);
}

/** Why a version in this state cannot be sent or accepted; undefined when `allowed` is its state. */
function stateRefusal(
  version: OfferVersion,
  today: string,
  allowed: VersionState,
  action: 'sent' | 'accepted',
): ConflictError | undefined {
  const n = version.number;
  if (isExpired(version, today))
    return refusal(version, 'expired', `version ${n} expired: it was valid until ${version.validUntil}`);
  if (version.state === allowed) return undefined;
  switch (version.state) {
    case 'superseded':
      return refusal(version, 'superseded', `version ${n} is superseded by version ${version.supersededBy}`);
    case 'accepted':
      return refusal(version, 'accepted', `version ${n} is already accepted`);
    case 'sent':
      return refusal(version, 'sent', `version ${n} is already sent and cannot change; add a new version`);
    case 'draft':
      return refusal(version, 'draft', `version ${n} is a draft: send it before it can be ${action}`);
  }
}

const superseded = (version: OfferVersion, by: number, ctx: ChangeContext): OfferVersion => ({
  ...version,
  state: 'superseded',
  supersededAt: ctx.now.toISOString(),
  supersededBy: by,
});

/**
 * A new draft version after the latest; a draft before it is superseded.
 * An accepted offer takes no new versions.
 */
export function addVersion(
  offer: Offer,
  versions: readonly OfferVersion[],
  content: VersionContent,
  ctx: ChangeContext,
): OfferChange & { version: OfferVersion; supersededVersion?: number } {
  const accepted = versions.find((v) => v.state === 'accepted');
  if (accepted)
    throw refusal(
      accepted,
      'accepted',
      `offer ${offer.id} is accepted (version ${accepted.number}); it takes no new versions`,
    );
  if (offer.latestVersion >= maxVersions) {
    throw new ConflictError(
      'limit-reached',
      `offer ${offer.id} has ${maxVersions} versions, the most it may have; make a new offer`,
      [{ name: 'latestVersion', reason: `at most ${maxVersions} versions` }],
    );
  }
  const number = offer.latestVersion + 1;
  const version = draftVersion(offer.id, number, content, ctx);
  const drafts = versions.filter((v) => v.state === 'draft').map((v) => superseded(v, number, ctx));
  return {
    offer: { ...touched(offer, ctx), latestVersion: number },
    versions: [...drafts, version],
    version,
    ...(drafts[0] ? { supersededVersion: drafts[0].number } : {}),
  };
}

/**
 * Sends the draft version `number`, valid until `validUntil`: from now on
 * its content is fixed. A version sent before it is superseded.
 */
export function sendVersion(
  offer: Offer,
  versions: readonly OfferVersion[],
  number: number,
  validUntil: string,
  ctx: ChangeContext,
): OfferChange & { version: OfferVersion; supersededVersions: number[] } {
  const current = versionOf(offer, versions, number);
  const refused = stateRefusal(current, todayIn(ctx.now, ctx.tenant.timeZone), 'draft', 'sent');
  if (refused) throw refused;
  const version: OfferVersion = {
    ...current,
    state: 'sent',
    sentAt: ctx.now.toISOString(),
    sentBy: ctx.userId,
    validUntil,
  };
  const earlier = versions.filter((v) => v.state === 'sent').map((v) => superseded(v, number, ctx));
  return {
    offer: { ...touched(offer, ctx), sentVersion: number, validUntil },
    versions: [...earlier, version],
    version,
    supersededVersions: earlier.map((v) => v.number),
  };
}

/**
 * Accepts the sent version `number` while it is valid (its last valid day
 * included, in the tenant's calendar). A draft made after it is superseded:
 * the offer is settled.
 */
export function acceptVersion(
  offer: Offer,
  versions: readonly OfferVersion[],
  number: number,
  ctx: ChangeContext,
): OfferChange & { version: OfferVersion } {
  const current = versionOf(offer, versions, number);
  const refused = stateRefusal(current, todayIn(ctx.now, ctx.tenant.timeZone), 'sent', 'accepted');
  if (refused) throw refused;
  const version: OfferVersion = {
    ...current,
    state: 'accepted',
    acceptedAt: ctx.now.toISOString(),
    acceptedBy: ctx.userId,
  };
  const drafts = versions.filter((v) => v.state === 'draft').map((v) => superseded(v, number, ctx));
  return {
    offer: { ...touched(offer, ctx), acceptedVersion: number },
    versions: [...drafts, version],
    version,
  };
}
