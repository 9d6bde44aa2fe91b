import { describe, expect, it } from 'vitest';
import {
  type FilterCandidate,
  matchesFilter,
  recipientFilterProblems,
} from '#domain/newsletters/recipient-filter';
import { exclusionOf, type ReviewCandidate, reviewRecipients } from '#domain/newsletters/recipient-review';

const candidate = (over: Partial<FilterCandidate> = {}): FilterCandidate => ({
  keywords: [],
  categoryIds: [],
  accountCategoryIds: [],
  ...over,
});

describe('a newsletter’s recipient filter', () => {
  it('needs any listed value inside a criterion, and all criteria or any one across them', () => {
    // Prepare: customers of the keyword "solar" who are households, or either.
    const both = { match: 'all', keywordIds: ['solar'], accountCategoryIds: ['household'] } as const;
    const either = { ...both, match: 'any' } as const;
    const solarHousehold = candidate({ keywords: ['solar', 'ev'], accountCategoryIds: ['household'] });
    const solarBusiness = candidate({ keywords: ['solar'], accountCategoryIds: ['sme'] });
    const neither = candidate({ keywords: ['ev'] });

    // Act
    const matched = [solarHousehold, solarBusiness, neither].map((c) => [
      matchesFilter(both, c),
      matchesFilter(either, c),
    ]);

    // Assess
    expect(matched).toEqual([
      [true, true],
      [false, true],
      [false, false],
    ]);
  });

  it('matches by contact type and the contact’s own categories', () => {
    // Prepare
    const filter = { match: 'all', contactTypeIds: ['decision-maker'], categoryIds: ['vip'] } as const;

    // Act and assess
    expect(matchesFilter(filter, candidate({ contactTypeId: 'decision-maker', categoryIds: ['vip'] }))).toBe(
      true,
    );
    expect(matchesFilter(filter, candidate({ categoryIds: ['vip'] }))).toBe(false);
  });

  it('refuses an empty filter, too many values and a value twice, naming the field; an empty one matches nobody', () => {
    // Act
    const empty = recipientFilterProblems({ match: 'any', keywordIds: [] });
    const crowded = recipientFilterProblems({
      match: 'any',
      keywordIds: Array.from({ length: 51 }, (_, i) => `k${i}`),
      categoryIds: ['a', 'a'],
    });

    // Assess
    expect(empty.map((p) => p.name)).toEqual(['filter']);
    expect(crowded.map((p) => p.name)).toEqual(['filter.keywordIds', 'filter.categoryIds']);
    expect(matchesFilter({ match: 'any' }, candidate({ keywords: ['solar'] }))).toBe(false);
  });
});

const person = (over: Partial<ReviewCandidate['contact']> = {}, accountPreference?: 'electronic' | 'paper') =>
  ({
    contact: {
      id: 'c',
      email: 'anna@example.se',
      newsletterConsent: true,
      preferredChannel: 'electronic',
      ...over,
    },
    ...(accountPreference ? { accountPreference } : {}),
  }) as ReviewCandidate;

describe('the recipients’ review', () => {
  it('leaves out, for the first reason that applies: no consent, no address, suppressed, paper', () => {
    // Prepare
    const suppressed = (email: string) => email === 'bounced@example.se';

    // Act
    const reasons = [
      person({ newsletterConsent: false, email: undefined }),
      person({ email: '  ' }),
      person({ email: 'Bounced@Example.se' }),
      person({ preferredChannel: 'paper' }),
      person({}, 'paper'),
      person({}, 'electronic'),
    ].map((c) => exclusionOf(c, suppressed));

    // Assess
    expect(reasons).toEqual([
      'no-consent',
      'no-email',
      'suppressed',
      'paper-preference',
      'paper-preference',
      undefined,
    ]);
  });

  it('keeps who gets it and counts who was left out, each once', () => {
    // Prepare
    const candidates = [
      person({ id: 'a' }),
      person({ id: 'b', newsletterConsent: false }),
      person({ id: 'c', email: undefined }),
      person({ id: 'd' }),
    ];

    // Act
    const review = reviewRecipients(candidates, () => false);

    // Assess
    expect(review.selected.map((c) => c.contact.id)).toEqual(['a', 'd']);
    expect(review.leftOut).toEqual({ 'no-consent': 1, 'no-email': 1, suppressed: 0, 'paper-preference': 0 });
  });
});
