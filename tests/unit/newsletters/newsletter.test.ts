import { describe, expect, it } from 'vitest';
import { newsletterHtmlSanitiser } from '#adapters/html/newsletter-html-sanitiser';
import { ValidationError } from '#domain/errors';
import {
  createNewsletter,
  type Newsletter,
  updateNewsletter,
  verifiedSenders,
} from '#domain/newsletters/newsletter';
import { newsletterMail } from '#domain/newsletters/newsletter-mail';

import { swedishChange } from '../../support/change-context';

const tenant = {
  ...swedishChange().tenant,
  emailSender: { name: 'Nordel', address: 'Kundservice@Nordel.example' },
};
const isVerified = verifiedSenders(tenant);
const draft = {
  senderName: ' Nordel Energi ',
  senderAddress: 'Nyheter@nordel.example',
  subject: 'Vinterbrev',
  subheading: 'Tips för kalla dagar',
  body: '<p>Sänk <em>värmen</em> en grad.</p>',
  filter: { match: 'all' as const, keywordIds: ['kw-1'] },
};
const create = (overrides: Partial<typeof draft> & Record<string, unknown> = {}) =>
  createNewsletter(
    'nl-1',
    { ...draft, ...overrides },
    swedishChange(),
    isVerified,
    newsletterHtmlSanitiser,
    'sv',
  );

const fieldsOf = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.map((f) => f.name);
    throw error;
  }
  return [];
};

describe('a newsletter draft', () => {
  it('takes an address of the tenant’s sender domain, trims, and defaults to HTML with a footer link in the tenant’s language', () => {
    // Act
    const newsletter = create();

    // Assess
    expect(newsletter).toMatchObject({
      status: 'draft',
      senderName: 'Nordel Energi',
      senderAddress: 'nyheter@nordel.example',
      format: 'html',
      language: 'sv',
      unsubscribeLink: true,
      sanitised: false,
      version: 1,
    });
  });

  it('names every field that is wrong: an unverified sender, blank texts, an empty filter', () => {
    // Act
    const fields = fieldsOf(() =>
      create({
        senderAddress: 'news@other.example',
        senderName: ' ',
        subject: '',
        filter: { match: 'any' } as never,
      }),
    );

    // Assess
    expect(fields).toEqual(['senderName', 'subject', 'senderAddress', 'filter']);
  });

  it('removes scripts and forms, says so, and refuses HTML with nothing left to send', () => {
    // Act
    const cleaned = create({ body: '<p>Hej</p><script>alert(1)</script><form><input></form>' });
    const empty = fieldsOf(() => create({ body: '<script>alert(1)</script>' }));
    const entity = fieldsOf(() => create({ body: '<p>Hej &#x202E;då</p>' }));

    // Assess
    expect(cleaned.body).toBe('<p>Hej</p>');
    expect(cleaned.sanitised).toBe(true);
    expect(empty).toEqual(['body']);
    // A bidirectional control written as an entity is one once sanitising decodes it.
    expect(entity).toEqual(['body']);
  });

  it('becomes a draft again when its filter changes, dropping the review; other changes keep it', () => {
    // Prepare
    const reviewed: Newsletter = {
      ...create(),
      status: 'reviewed',
      review: {
        id: 'r-1',
        at: '2025-03-01T10:00:00.000Z',
        by: 'user-1',
        matched: 3,
        recipients: 2,
        deselected: 0,
        pages: 1,
        leftOut: { 'no-consent': 1, 'no-email': 0, suppressed: 0, 'paper-preference': 0 },
      },
    };

    // Act
    const retitled = updateNewsletter(
      reviewed,
      { subject: 'Vårbrev', subheading: null },
      swedishChange(),
      isVerified,
      newsletterHtmlSanitiser,
    );
    const refiltered = updateNewsletter(
      reviewed,
      { filter: { match: 'any', categoryIds: ['cat-1'] } },
      swedishChange(),
      isVerified,
      newsletterHtmlSanitiser,
    );

    // Assess
    expect(retitled.newsletter).toMatchObject({ status: 'reviewed', subject: 'Vårbrev', version: 2 });
    expect(retitled.newsletter.subheading).toBeUndefined();
    expect(retitled.changes.map((c) => c.field)).toEqual(['subject', 'subheading']);
    expect(refiltered.newsletter.status).toBe('draft');
    expect(refiltered.newsletter.review).toBeUndefined();
  });
});

describe('a newsletter as one recipient’s mail', () => {
  it('carries both RFC 8058 headers, the footer link, a text part and the tags SES reports back', () => {
    // Act
    const mail = newsletterMail(
      create(),
      { email: 'anna@kund.example', contactId: 'c-1' },
      'https://crm.example/v1/unsubscribe/t.s',
    );

    // Assess
    expect(mail.headers).toEqual([
      { name: 'List-Unsubscribe', value: '<https://crm.example/v1/unsubscribe/t.s>' },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(mail.from).toEqual({ name: 'Nordel Energi', address: 'nyheter@nordel.example' });
    expect(mail.subject).toBe('Vinterbrev');
    expect(mail.html).toContain('<h2>Tips för kalla dagar</h2>');
    expect(mail.html).toContain(
      '<a href="https://crm.example/v1/unsubscribe/t.s">Avsluta prenumerationen</a>',
    );
    expect(mail.text).toBe(
      'Tips för kalla dagar\n\nSänk värmen en grad.\n\n--\nAvsluta prenumerationen: https://crm.example/v1/unsubscribe/t.s',
    );
    expect(mail.tags).toEqual({ tenant: 'tenant-se', newsletter: 'nl-1', contact: 'c-1' });
    expect(mail.tracked).toBeUndefined();
  });

  it('marks a test in its subject and tags, and escapes a plain-text body into its HTML part', () => {
    // Act
    const mail = newsletterMail(
      create({ format: 'text', body: 'Pris <10 öre>\nHälsningar', unsubscribeLink: false } as never),
      { email: 'admin@nordel.example', contactId: 'test-u' },
      'https://crm.example/v1/unsubscribe/t.s',
      { test: true, tracked: true },
    );

    // Assess
    expect(mail.subject).toBe('[TEST] Vinterbrev');
    expect(mail.tags).toEqual({ tenant: 'tenant-se', test: 'true' });
    expect(mail.tracked).toBe(true);
    expect(mail.html).toContain('<p>Pris &lt;10 öre&gt;<br>Hälsningar</p>');
    expect(mail.html).not.toContain('Avsluta');
    expect(mail.headers).toHaveLength(2);
  });
});
