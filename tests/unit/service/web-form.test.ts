import { describe, expect, it } from 'vitest';
import { webFormBody as webFormSubmission } from '#api/service/channel-schemas';
import { spamVerdict, type WebFormSubmission } from '#domain/service/web-form';

const now = new Date('2026-03-02T10:00:00Z');
const aMinuteAgo = now.getTime() - 60_000;

const sent = {
  name: 'Zuzana Kováčová',
  email: 'Zuzana.Kovacova@Customer.example',
  phone: '+421 905 123 456',
  subject: 'Odpočet plynomeru',
  message: 'Dobrý deň,\nposielam odpočet: 4 512 m³.',
  caseType: 'meter-reading',
  accountNumber: 'SK-100234',
  website: '',
  startedAt: aMinuteAgo,
};

const submission = (overrides: Partial<WebFormSubmission> = {}): WebFormSubmission => ({
  ...webFormSubmission.parse(sent),
  ...overrides,
});

describe('webFormSubmission', () => {
  it('takes a complete submission, the e-mail in lower case', () => {
    // Act
    const parsed = webFormSubmission.parse(sent);

    // Assess
    expect(parsed).toEqual({ ...sent, email: 'zuzana.kovacova@customer.example' });
  });

  it('takes the least a visitor must give', () => {
    // Prepare
    const least = { name: 'Ann', email: 'ann@customer.example', subject: 'Hi', message: 'Help' };

    // Act
    const parsed = webFormSubmission.safeParse(least);

    // Assess
    expect(parsed.success).toBe(true);
  });

  it('stores text trimmed and in NFC', () => {
    // Act
    const parsed = webFormSubmission.parse({ ...sent, name: '  Zuzana Kova\u0301c\u030cova\u0301 ' });

    // Assess
    expect(parsed.name).toBe('Zuzana Kováčová');
  });

  it.each([
    ['an e-mail that is no address', { email: 'zuzana@' }, 'email'],
    [
      'an e-mail over 254 characters',
      { email: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(59)}.sk` },
      'email',
    ],
    ['a name over 200 characters', { name: 'x'.repeat(201) }, 'name'],
    ['a name with a line break', { name: 'Zuzana\nKováčová' }, 'name'],
    ['an empty subject', { subject: '   ' }, 'subject'],
    ['a subject over 200 characters', { subject: 'x'.repeat(201) }, 'subject'],
    ['an empty message', { message: '' }, 'message'],
    ['a message over 5000 characters', { message: 'x'.repeat(5001) }, 'message'],
    ['a message with a bidirectional override', { message: 'pay to \u202eKS' }, 'message'],
    ['a phone over 40 characters', { phone: '1'.repeat(41) }, 'phone'],
    ['a case type in upper case', { caseType: 'Meter' }, 'caseType'],
    ['a case type over 64 characters', { caseType: 'a'.repeat(65) }, 'caseType'],
    ['an account number over 64 characters', { accountNumber: '1'.repeat(65) }, 'accountNumber'],
    ['a negative start time', { startedAt: -1 }, 'startedAt'],
    ['a start time with a fraction', { startedAt: 1.5 }, 'startedAt'],
    ['an unknown field', { captcha: 'x' }, ''],
  ])('refuses %s', (_, change, field) => {
    // Act
    const parsed = webFormSubmission.safeParse({ ...sent, ...change });

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });

  it('accepts a filled-in honeypot, so that a bot cannot tell it was caught', () => {
    expect(webFormSubmission.safeParse({ ...sent, website: 'https://spam.example' }).success).toBe(true);
  });
});

describe('spamVerdict', () => {
  it('lets a person’s submission through', () => {
    expect(spamVerdict(submission(), now)).toEqual({ spam: false });
  });

  it('lets a submission without a start time or honeypot through', () => {
    // Prepare
    const { website: _, startedAt: __, ...bare } = submission();

    // Act
    const verdict = spamVerdict(bare, now);

    // Assess
    expect(verdict).toEqual({ spam: false });
  });

  it('catches a filled-in honeypot', () => {
    expect(spamVerdict(submission({ website: 'https://spam.example' }), now)).toEqual({
      spam: true,
      reason: 'honeypot',
    });
  });

  it('ignores a honeypot of white space, which autofill can leave', () => {
    expect(spamVerdict(submission({ website: '  ' }), now)).toEqual({ spam: false });
  });

  it('catches a form sent within 3 seconds of the page, or before it', () => {
    // Act
    const verdicts = [2_999, 0, -5_000].map((ms) =>
      spamVerdict(submission({ startedAt: now.getTime() - ms }), now),
    );

    // Assess
    expect(verdicts).toEqual(Array(3).fill({ spam: true, reason: 'too-fast' }));
  });

  it('lets a form sent after 3 seconds through', () => {
    expect(spamVerdict(submission({ startedAt: now.getTime() - 3_000 }), now)).toEqual({ spam: false });
  });

  it('allows 5 links and catches 6', () => {
    // Prepare
    const links = (n: number) =>
      Array.from({ length: n }, (_, i) => (i % 2 ? `https://x${i}.example/a` : `www.y${i}.example`)).join(
        ' ',
      );

    // Act
    const verdicts = [5, 6].map((n) => spamVerdict(submission({ message: `See ${links(n)}` }), now));

    // Assess
    expect(verdicts).toEqual([{ spam: false }, { spam: true, reason: 'too-many-links' }]);
  });

  it('counts a link with www after the scheme once', () => {
    // Prepare
    const message = Array(5).fill('http://www.energy.example').join('\n');

    // Act
    const verdict = spamVerdict(submission({ message }), now);

    // Assess
    expect(verdict).toEqual({ spam: false });
  });

  it('names the honeypot first when several signs agree', () => {
    // Prepare
    const bot = submission({ website: 'x', startedAt: now.getTime(), message: 'http://a '.repeat(10) });

    // Act
    const verdict = spamVerdict(bot, now);

    // Assess
    expect(verdict).toEqual({ spam: true, reason: 'honeypot' });
  });
});
