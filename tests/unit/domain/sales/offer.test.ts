import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '#domain/errors';
import {
  acceptVersion,
  addVersion,
  createOffer,
  lastValidDay,
  maxVersions,
  type Offer,
  type OfferLine,
  type OfferVersion,
  offerTotals,
  sendVersion,
  shownOffer,
  shownVersion,
  todayIn,
  type VersionContent,
} from '#domain/sales/offers/offer';
import type { ChangeContext } from '#domain/stamps';

const tenant = {
  id: 'tenant-se',
  name: 'Test Energi AB',
  country: 'SE' as const,
  currency: 'SEK',
  timeZone: 'Europe/Stockholm',
};
const at = (iso: string, userId = 'seller-1'): ChangeContext => ({ tenant, userId, now: new Date(iso) });
const march = at('2025-03-03T09:00:00.000Z');

function line(supplyPointId: string, current: number, offered: number): OfferLine {
  const saving = current - offered;
  return {
    supplyPointId,
    territoryCode: 'ELLEVIO',
    bandCode: 'E2',
    annualConsumptionKwh: 18_000,
    unitPricePerMwhMinor: 89_500,
    monthlyFeeMinor: 3_900,
    priceListVersion: 1,
    currency: 'SEK',
    currentAnnualCost: current,
    offeredAnnualCost: offered,
    saving,
    savingBasisPoints: current === 0 ? null : Math.round((saving * 10_000) / current),
  };
}

const content = (extra: Partial<VersionContent> = {}): VersionContent => ({
  productId: 'product-1',
  productCode: 'FAST-12',
  productName: 'Fast pris 12 mån',
  pricingDate: '2025-04-01',
  lines: [line('sp-1', 1_800_000, 1_657_800)],
  ...extra,
});

const deal = { id: 'deal-1', accountId: 'account-1' };

/** An offer whose version 1 was sent on 3 March, valid until 2 April. */
function sentOffer(): { offer: Offer; versions: OfferVersion[] } {
  const { offer, version } = createOffer('offer-1', deal, content(), march);
  const sent = sendVersion(offer, [version], 1, '2025-04-02', march);
  return { offer: sent.offer, versions: [...sent.versions] };
}

/** Catches the error a call throws, failing the test when it throws none. */
function errorOf(act: () => unknown): Error {
  try {
    act();
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error, but the call succeeded');
}

describe('offer totals', () => {
  it('adds the lines and takes the saving in basis points of the current total', () => {
    // Prepare: current 1 000 000 + 333 333 = 1 333 333; offered 950 000 + 333 000 = 1 283 000;
    //   saving 50 333 → 50 333 × 10 000 / 1 333 333 = 377.49… → 377 bp
    const lines = [line('sp-1', 1_000_000, 950_000), line('sp-2', 333_333, 333_000)];

    // Act
    const totals = offerTotals(lines);

    // Assess
    expect(totals).toEqual({
      currency: 'SEK',
      currentAnnualCost: 1_333_333,
      offeredAnnualCost: 1_283_000,
      saving: 50_333,
      savingBasisPoints: 377,
    });
  });

  it('rounds half a basis point away from zero, also for an offer that costs more', () => {
    // Prepare: −1 × 10 000 / 4 000 = −2.5 bp → −3 bp
    const lines = [line('sp-1', 4_000, 4_001)];

    // Act
    const totals = offerTotals(lines);

    // Assess
    expect(totals).toMatchObject({ saving: -1, savingBasisPoints: -3 });
  });

  it('has no saving in basis points when nothing is paid now', () => {
    // Act
    const totals = offerTotals([line('sp-1', 0, 12_000)]);

    // Assess
    expect(totals).toMatchObject({ saving: -12_000, savingBasisPoints: null });
  });
});

describe('creating an offer', () => {
  it('makes version 1 a draft with its totals, the note trimmed', () => {
    // Act
    const { offer, version } = createOffer('offer-1', deal, content({ note: '  Två års bindning  ' }), march);

    // Assess
    expect(offer).toMatchObject({
      id: 'offer-1',
      tenantId: 'tenant-se',
      dealId: 'deal-1',
      accountId: 'account-1',
      latestVersion: 1,
      version: 1,
    });
    expect(offer.sentVersion).toBeUndefined();
    expect(version).toMatchObject({
      offerId: 'offer-1',
      number: 1,
      state: 'draft',
      note: 'Två års bindning',
      totals: { currentAnnualCost: 1_800_000, offeredAnnualCost: 1_657_800, saving: 142_200 },
      createdAt: '2025-03-03T09:00:00.000Z',
      createdBy: 'seller-1',
    });
  });

  it('drops a blank note', () => {
    // Act
    const { version } = createOffer('offer-1', deal, content({ note: '   ' }), march);

    // Assess
    expect(version).not.toHaveProperty('note');
  });

  it('refuses a pricing date that is not a day, a long note and no lines, naming each', () => {
    // Act
    const error = errorOf(() =>
      createOffer(
        'offer-1',
        deal,
        content({ pricingDate: '2025-02-30', note: 'x'.repeat(2001), lines: [] }),
        march,
      ),
    );

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields.map((f) => f.name)).toEqual([
      'pricingDate',
      'note',
      'supplyPointIds',
    ]);
  });
});

describe('adding a version', () => {
  it('makes the next number a draft and supersedes the draft before it', () => {
    // Prepare
    const { offer, version } = createOffer('offer-1', deal, content(), march);
    const later = at('2025-03-04T09:00:00.000Z', 'seller-2');

    // Act
    const change = addVersion(offer, [version], content({ productId: 'product-2' }), later);

    // Assess
    expect(change.offer).toMatchObject({ latestVersion: 2, version: 2, updatedBy: 'seller-2' });
    expect(change.version).toMatchObject({ number: 2, state: 'draft', productId: 'product-2' });
    expect(change.supersededVersion).toBe(1);
    expect(change.versions).toEqual([
      { ...version, state: 'superseded', supersededBy: 2, supersededAt: '2025-03-04T09:00:00.000Z' },
      change.version,
    ]);
  });

  it('leaves a sent version as it is until the new one is sent', () => {
    // Prepare
    const { offer, versions } = sentOffer();

    // Act
    const change = addVersion(offer, versions, content(), march);

    // Assess
    expect(change.versions.map((v) => `${v.number} ${v.state}`)).toEqual(['2 draft']);
    expect(change.supersededVersion).toBeUndefined();
  });

  it('refuses a version of an accepted offer, naming the state', () => {
    // Prepare
    const { offer, versions } = sentOffer();
    const accepted = acceptVersion(offer, versions, 1, march);

    // Act
    const error = errorOf(() => addVersion(accepted.offer, accepted.versions, content(), march));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields).toEqual([
      { name: 'version.state', reason: 'version 1 is accepted' },
    ]);
  });

  it(`refuses a version beyond ${maxVersions}`, () => {
    // Prepare
    const { offer, version } = createOffer('offer-1', deal, content(), march);
    const full = { ...offer, latestVersion: maxVersions };

    // Act
    const error = errorOf(() => addVersion(full, [version], content(), march));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).fields[0]?.name).toBe('latestVersion');
  });
});

describe('sending a version', () => {
  it('fixes the draft as sent with its last valid day; the header names it', () => {
    // Prepare
    const { offer, version } = createOffer('offer-1', deal, content(), march);

    // Act
    const change = sendVersion(offer, [version], 1, '2025-04-02', march);

    // Assess
    expect(change.version).toMatchObject({
      state: 'sent',
      sentAt: '2025-03-03T09:00:00.000Z',
      sentBy: 'seller-1',
      validUntil: '2025-04-02',
    });
    expect(change.offer).toMatchObject({ sentVersion: 1, validUntil: '2025-04-02', version: 2 });
    expect(change.supersededVersions).toEqual([]);
  });

  it('supersedes the version sent before', () => {
    // Prepare
    const { offer, versions } = sentOffer();
    const second = addVersion(offer, versions, content(), march);
    const all = [versions[0] as OfferVersion, second.version];

    // Act
    const change = sendVersion(second.offer, all, 2, '2025-04-05', at('2025-03-06T09:00:00.000Z'));

    // Assess
    expect(change.supersededVersions).toEqual([1]);
    expect(change.versions.map((v) => `${v.number} ${v.state} ${v.supersededBy ?? '-'}`)).toEqual([
      '1 superseded 2',
      '2 sent -',
    ]);
    expect(change.offer).toMatchObject({ sentVersion: 2, validUntil: '2025-04-05', latestVersion: 2 });
  });

  it('refuses to send a version twice: a sent version does not change', () => {
    // Prepare
    const { offer, versions } = sentOffer();

    // Act
    const error = errorOf(() => sendVersion(offer, versions, 1, '2025-04-10', march));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('version 1 is already sent and cannot change; add a new version');
    expect((error as ConflictError).fields).toEqual([{ name: 'version.state', reason: 'version 1 is sent' }]);
  });

  it('refuses to send a superseded draft and a version that does not exist', () => {
    // Prepare
    const { offer, version } = createOffer('offer-1', deal, content(), march);
    const second = addVersion(offer, [version], content(), march);
    const all = [...second.versions];

    // Act
    const superseded = errorOf(() => sendVersion(second.offer, all, 1, '2025-04-02', march));
    const missing = errorOf(() => sendVersion(second.offer, all, 3, '2025-04-02', march));

    // Assess
    expect(superseded.message).toBe('version 1 is superseded by version 2');
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing.message).toBe('version 3 of offer offer-1 does not exist');
  });
});

describe('accepting a version', () => {
  it('accepts the sent version on its last valid day and supersedes a draft made after it', () => {
    // Prepare: 2 April 23:30 in Stockholm is still the last valid day.
    const { offer, versions } = sentOffer();
    const draft = addVersion(offer, versions, content(), march);
    const lastEvening = at('2025-04-02T21:30:00.000Z', 'seller-2');

    // Act
    const change = acceptVersion(draft.offer, [versions[0] as OfferVersion, draft.version], 1, lastEvening);

    // Assess
    expect(change.version).toMatchObject({
      number: 1,
      state: 'accepted',
      acceptedAt: '2025-04-02T21:30:00.000Z',
      acceptedBy: 'seller-2',
    });
    expect(change.versions.map((v) => `${v.number} ${v.state} ${v.supersededBy ?? '-'}`)).toEqual([
      '2 superseded 1',
      '1 accepted -',
    ]);
    expect(change.offer).toMatchObject({ acceptedVersion: 1, latestVersion: 2 });
  });

  it('refuses a version once its last valid day is over in the tenant’s calendar', () => {
    // Prepare: 2 April 22:30 UTC is already 3 April in Stockholm.
    const { offer, versions } = sentOffer();

    // Act
    const error = errorOf(() => acceptVersion(offer, versions, 1, at('2025-04-02T22:30:00.000Z')));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe('version 1 expired: it was valid until 2025-04-02');
    expect((error as ConflictError).fields).toEqual([
      { name: 'version.state', reason: 'version 1 is expired' },
    ]);
  });

  it('refuses a draft, a superseded version and an accepted one, naming each state', () => {
    // Prepare
    const { offer, versions } = sentOffer();
    const second = addVersion(offer, versions, content(), march);
    const sent = sendVersion(
      second.offer,
      [versions[0] as OfferVersion, second.version],
      2,
      '2025-04-02',
      march,
    );
    const accepted = acceptVersion(sent.offer, sent.versions, 2, march);
    const draftOnly = createOffer('offer-2', deal, content(), march);

    // Act
    const draft = errorOf(() => acceptVersion(draftOnly.offer, [draftOnly.version], 1, march));
    const superseded = errorOf(() => acceptVersion(sent.offer, sent.versions, 1, march));
    const twice = errorOf(() => acceptVersion(accepted.offer, accepted.versions, 2, march));

    // Assess
    expect(draft.message).toBe('version 1 is a draft: send it before it can be accepted');
    expect(superseded.message).toBe('version 1 is superseded by version 2');
    expect(twice.message).toBe('version 2 is already accepted');
    for (const error of [draft, superseded, twice]) expect(error).toBeInstanceOf(ConflictError);
  });
});

describe('the tenant’s calendar', () => {
  it('takes today and the last valid day in the tenant’s time zone', () => {
    // Prepare: 30 March 23:30 UTC is 31 March 01:30 in Stockholm (summer time began that night).
    const now = new Date('2025-03-30T23:30:00.000Z');

    // Act
    const today = todayIn(now, 'Europe/Stockholm');
    const validUntil = lastValidDay(now, 'Europe/Stockholm', 30);

    // Assess
    expect(today).toBe('2025-03-31');
    expect(validUntil).toBe('2025-04-30');
    expect(todayIn(now, 'UTC')).toBe('2025-03-30');
  });

  it('shows a sent version past its last valid day, and its offer, as expired', () => {
    // Prepare
    const { offer, versions } = sentOffer();
    const version = versions[0] as OfferVersion;

    // Act
    const onTheDay = [shownVersion(version, '2025-04-02').state, shownOffer(offer, '2025-04-02').state];
    const after = [shownVersion(version, '2025-04-03').state, shownOffer(offer, '2025-04-03').state];

    // Assess
    expect(onTheDay).toEqual(['sent', 'sent']);
    expect(after).toEqual(['expired', 'expired']);
  });

  it('shows an accepted offer as accepted after the validity, and one never sent as a draft', () => {
    // Prepare
    const { offer, versions } = sentOffer();
    const accepted = acceptVersion(offer, versions, 1, march);
    const draft = createOffer('offer-2', deal, content(), march);

    // Act
    const states = [
      shownOffer(accepted.offer, '2025-06-01').state,
      shownVersion(accepted.version, '2025-06-01').state,
      shownOffer(draft.offer, '2025-06-01').state,
    ];

    // Assess
    expect(states).toEqual(['accepted', 'accepted', 'draft']);
  });
});
