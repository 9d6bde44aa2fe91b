import { describe, expect, it } from 'vitest';
import { type Contact, createContact } from '#domain/accounts/contact';
import { ConflictError, UnprocessableError, ValidationError } from '#domain/errors';
import {
  composeEmail,
  composeSms,
  excerptOf,
  messageLimits,
  newMessage,
  textOfHtml,
} from '#domain/messaging/message';
import type { ChangeContext } from '#domain/stamps';

const ctx: ChangeContext = {
  tenant: { id: 'tenant-se', name: 'Norrsken', country: 'SE', currency: 'SEK', timeZone: 'Europe/Stockholm' },
  userId: 'user-1',
  now: new Date('2025-03-02T12:30:00.000Z'),
};

function contact(fields: { email?: string; phones?: string[] } = {}): Contact {
  return createContact(
    '01JNR8Z5K3A7M6Q2W4E8T9Y0UP',
    { firstName: 'Anna', lastName: 'Svensson', ...fields },
    ctx,
  );
}

function thrown(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

const fieldsOf = (error: unknown) => (error as ValidationError | ConflictError | UnprocessableError).fields;

describe('composeEmail', () => {
  it("sends to the contact's own address when no recipient is given", () => {
    // Act
    const email = composeEmail(contact({ email: 'anna@example.se' }), {
      subject: ' Offert ',
      text: 'Hej Anna!',
    });

    // Assess
    expect(email).toEqual({
      to: 'anna@example.se',
      subject: 'Offert',
      text: 'Hej Anna!',
      excerpt: 'Hej Anna!',
    });
  });

  it("accepts the contact's own address however it is written", () => {
    // Act
    const email = composeEmail(contact({ email: 'anna@example.se' }), {
      subject: 'Offert',
      text: 'Hej',
      to: ' Anna@Example.SE ',
    });

    // Assess
    expect(email.to).toBe('anna@example.se');
  });

  it('refuses another recipient than the contact, naming `to`', () => {
    // Act
    const error = thrown(() =>
      composeEmail(contact({ email: 'anna@example.se' }), {
        subject: 'Offert',
        text: 'Hej',
        to: 'eva@example.se',
      }),
    );

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect(fieldsOf(error)).toEqual([{ name: 'to', reason: "must be the contact's own e-mail address" }]);
  });

  it('refuses a contact without an e-mail address as a conflict naming `email`', () => {
    // Act
    const error = thrown(() => composeEmail(contact(), { subject: 'Offert', text: 'Hej' }));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(fieldsOf(error).map((f) => f.name)).toEqual(['email']);
  });

  it('needs a text or an HTML body, and a one-line subject', () => {
    // Act
    const error = thrown(() =>
      composeEmail(contact({ email: 'anna@example.se' }), {
        subject: 'Offert\r\nBcc: x@example.com',
        text: '  ',
      }),
    );

    // Assess
    expect(fieldsOf(error)).toEqual([
      { name: 'subject', reason: 'must be one line' },
      { name: 'text', reason: 'give a text, an HTML body or both' },
    ]);
  });

  it('refuses a body over 100 KB in UTF-8, even when it has fewer characters', () => {
    // Prepare: 60 000 'ö' are 120 000 bytes.
    const html = 'ö'.repeat(60_000);

    // Act
    const error = thrown(() =>
      composeEmail(contact({ email: 'anna@example.se' }), { subject: 'Offert', html }),
    );

    // Assess
    expect(fieldsOf(error)).toEqual([{ name: 'html', reason: 'must be at most 100 KB' }]);
  });

  it('takes the excerpt of an HTML-only e-mail from its readable text', () => {
    // Act
    const email = composeEmail(contact({ email: 'anna@example.se' }), {
      subject: 'Offert',
      html: '<html><head><style>p{}</style></head><body><p>Hej&nbsp;Anna &amp; Erik!</p></body></html>',
    });

    // Assess
    expect(email.excerpt).toBe('Hej Anna & Erik!');
  });
});

describe('composeSms', () => {
  it("sends to the contact's first mobile number, skipping a landline", () => {
    // Act
    const sms = composeSms(contact({ phones: ['08-765 43 21', '070-123 45 67'] }), { text: ' Hej! ' }, 'SE');

    // Assess
    expect(sms).toEqual({ to: '+46701234567', body: 'Hej!', excerpt: 'Hej!' });
  });

  it('sends to the first number that may take a text when none is known to be mobile', () => {
    // Act: 075 is a Swedish personal number, which may forward texts; 08 is a Stockholm landline.
    const sms = composeSms(contact({ phones: ['08-765 43 21', '075-123 45 67'] }), { text: 'Hej' }, 'SE');

    // Assess
    expect(sms.to).toBe('+46751234567');
  });

  it('refuses a contact whose only number is a landline as unprocessable (422) naming `phones`', () => {
    // Act
    const error = thrown(() => composeSms(contact({ phones: ['08-765 43 21'] }), { text: 'Hej' }, 'SE'));

    // Assess
    expect(error).toBeInstanceOf(UnprocessableError);
    expect(fieldsOf(error)).toEqual([
      {
        name: 'phones',
        reason:
          'the contact has no number that takes a text message: +4687654321 is a fixed-line number; text messages go to mobile numbers',
      },
    ]);
  });

  it('refuses a contact with only a landline and a toll-free number, saying what each is', () => {
    // Act
    const error = thrown(() =>
      composeSms(contact({ phones: ['08-765 43 21', '020-123 456'] }), { text: 'Hej' }, 'SE'),
    );

    // Assess
    expect((error as UnprocessableError).message).toBe(
      'the contact has no number that takes a text message: +4687654321 is a fixed-line number, +4620123456 is a toll-free number; text messages go to mobile numbers',
    );
  });

  it("accepts any of the contact's numbers, written nationally", () => {
    // Act
    const sms = composeSms(
      contact({ phones: ['070-123 45 67', '073-765 43 21'] }),
      { text: 'Hej', to: '073 765 43 21' },
      'SE',
    );

    // Assess
    expect(sms.to).toBe('+46737654321');
  });

  it("refuses the contact's landline asked for as `to`, saying it is a fixed-line number (422)", () => {
    // Act
    const error = thrown(() =>
      composeSms(
        contact({ phones: ['070-123 45 67', '08-765 43 21'] }),
        { text: 'Hej', to: '08 765 43 21' },
        'SE',
      ),
    );

    // Assess
    expect(error).toBeInstanceOf(UnprocessableError);
    expect((error as UnprocessableError).code).toBe('unprocessable');
    expect(fieldsOf(error)).toEqual([
      { name: 'to', reason: '+4687654321 is a fixed-line number; text messages go to mobile numbers' },
    ]);
  });

  it("refuses a number that is not the contact's, naming `to`", () => {
    // Act
    const error = thrown(() =>
      composeSms(contact({ phones: ['070-123 45 67'] }), { text: 'Hej', to: '070-999 99 99' }, 'SE'),
    );

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect(fieldsOf(error)).toEqual([{ name: 'to', reason: "must be one of the contact's phone numbers" }]);
  });

  it('refuses a contact without phone numbers as a conflict naming `phones`', () => {
    // Act
    const error = thrown(() => composeSms(contact(), { text: 'Hej' }, 'SE'));

    // Assess
    expect(error).toBeInstanceOf(ConflictError);
    expect(fieldsOf(error).map((f) => f.name)).toEqual(['phones']);
  });

  it(`refuses a text longer than ${messageLimits.smsChars} characters`, () => {
    // Act
    const error = thrown(() =>
      composeSms(
        contact({ phones: ['070-123 45 67'] }),
        { text: 'a'.repeat(messageLimits.smsChars + 1) },
        'SE',
      ),
    );

    // Assess
    expect(fieldsOf(error)).toEqual([{ name: 'text', reason: 'must be at most 1600 characters' }]);
  });
});

describe('excerptOf', () => {
  it('keeps a short text whole, on one line', () => {
    expect(excerptOf('Hej Anna,\n\nvälkommen!')).toBe('Hej Anna, välkommen!');
  });

  it('clips a long text to 140 characters with an ellipsis, never inside a character', () => {
    // Act
    const excerpt = excerptOf('😀'.repeat(200));

    // Assess
    expect([...excerpt]).toHaveLength(140);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).not.toContain('\uFFFD');
  });
});

describe('textOfHtml', () => {
  it('drops tags, scripts and styles, and reads entities', () => {
    expect(
      textOfHtml('<script>alert(1)</script><b>A&#246;&#x00E4;</b>&lt;3').replace(/\s+/g, ' ').trim(),
    ).toBe('Aöä <3');
  });
});

describe('newMessage', () => {
  it('starts as sending, version 1, by the sending user, with the contact and its account', () => {
    // Act
    const message = newMessage(
      'm-1',
      ctx,
      { id: 'c-1', accountId: 'a-1' },
      { channel: 'sms', to: '+46701234567', excerpt: 'Hej' },
    );

    // Assess
    expect(message).toEqual({
      id: 'm-1',
      tenantId: 'tenant-se',
      contactId: 'c-1',
      accountId: 'a-1',
      channel: 'sms',
      to: '+46701234567',
      excerpt: 'Hej',
      state: 'sending',
      sentBy: 'user-1',
      createdAt: '2025-03-02T12:30:00.000Z',
      updatedAt: '2025-03-02T12:30:00.000Z',
      version: 1,
    });
  });
});
