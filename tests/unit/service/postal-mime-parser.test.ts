import { describe, expect, it } from 'vitest';
import { PostalMimeParser } from '#adapters/mail/postal-mime-parser';
import { MalformedMailError } from '#domain/service/inbound-mail';

const parser = new PostalMimeParser();

/** A raw message from its lines, joined with CRLF as on the wire. */
const raw = (...lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

describe('PostalMimeParser', () => {
  it('reads a plain text mail', async () => {
    // Prepare
    const message = raw(
      'Return-Path: <asa@customer.example>',
      'Delivered-To: kundtjanst@service.example',
      'From: "Åsa Öberg" <Asa.Oberg@Customer.EXAMPLE>',
      'To: Kundtjänst <Kundtjanst@Service.example>',
      'Cc: mats@customer.example, kundtjanst@service.example',
      'Subject: Meter reading',
      'Date: Tue, 1 Jul 2025 10:00:00 +0200',
      'Message-ID: <CAB123@mail.customer.example>',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'Hej,',
      'mätaren visar 12345 kWh.',
      '',
    );

    // Act
    const mail = await parser.parse(message);

    // Assess
    expect(mail).toEqual({
      messageId: 'CAB123@mail.customer.example',
      from: { name: 'Åsa Öberg', address: 'asa.oberg@customer.example' },
      to: ['kundtjanst@service.example', 'mats@customer.example'],
      subject: 'Meter reading',
      text: 'Hej,\nmätaren visar 12345 kWh.',
      references: [],
      autoReply: false,
      date: '2025-07-01T08:00:00.000Z',
      attachments: [],
    });
  });

  it('reads the text of a multipart/alternative mail whose only part is HTML', async () => {
    // Prepare
    const message = raw(
      'From: anna@customer.example',
      'To: kundtjanst@service.example',
      'Subject: HTML only',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '<html><body><p>Hej &amp; tack!</p><p>M=C3=A4taren =C3=A4r trasig.<br>Anna</p></body></html>',
      '--b1--',
      '',
    );

    // Act
    const mail = await parser.parse(message);

    // Assess
    expect(mail.text).toBe('Hej & tack!\n\nMätaren är trasig.\nAnna');
    expect(mail.from).toEqual({ name: '', address: 'anna@customer.example' });
  });

  it('prefers the text part to the HTML part', async () => {
    // Prepare
    const message = raw(
      'From: anna@customer.example',
      'Subject: Both',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The text part.',
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>The HTML part.</p>',
      '--b1--',
      '',
    );

    // Act
    const mail = await parser.parse(message);

    // Assess
    expect(mail.text).toBe('The text part.');
  });

  it('reads a base64 attachment and an inline image', async () => {
    // Prepare
    const message = raw(
      'From: anna@customer.example',
      'To: kundtjanst@service.example',
      'Subject: Invoice attached',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="mixed"',
      '',
      '--mixed',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'See the attachment.',
      '--mixed',
      'Content-Type: application/pdf; name="faktura.pdf"',
      'Content-Disposition: attachment; filename="faktura.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      'JVBERi0xLjQgdGVzdA==',
      '--mixed',
      'Content-Type: image/png',
      'Content-Disposition: inline',
      'Content-ID: <logo@customer.example>',
      'Content-Transfer-Encoding: base64',
      '',
      'iVBORw0KGgo=',
      '--mixed--',
      '',
    );

    // Act
    const mail = await parser.parse(message);

    // Assess
    expect(mail.attachments).toHaveLength(2);
    const [pdf, logo] = mail.attachments;
    expect(pdf).toMatchObject({
      filename: 'faktura.pdf',
      contentType: 'application/pdf',
      size: 13,
      inline: false,
    });
    expect(new TextDecoder().decode(pdf?.content)).toBe('%PDF-1.4 test');
    expect(logo).toMatchObject({ filename: '', contentType: 'image/png', size: 8, inline: true });
    expect(logo?.content).toBeInstanceOf(Uint8Array);
  });

  it('reads In-Reply-To and References without angle brackets', async () => {
    // Prepare
    const message = raw(
      'From: anna@customer.example',
      'Subject: Re: Faktura [#C-1234]',
      'Message-ID: <reply-2@customer.example>',
      'In-Reply-To: <case.01JZ8Q7K3M.OUT1@service.example>',
      'References: <first@customer.example>',
      ' <case.01JZ8Q7K3M.OUT1@service.example>',
      '\t<0100019a@email.amazonses.com>',
      '',
      'Thanks.',
    );

    // Act
    const mail = await parser.parse(message);

    // Assess
    expect(mail.inReplyTo).toBe('case.01JZ8Q7K3M.OUT1@service.example');
    expect(mail.references).toEqual([
      'first@customer.example',
      'case.01JZ8Q7K3M.OUT1@service.example',
      '0100019a@email.amazonses.com',
    ]);
  });

  it('decodes a Swedish subject in base64 encoded words and a Slovak one in quoted-printable', async () => {
    // Prepare
    const swedish = raw(
      'From: =?UTF-8?Q?=C3=85sa_=C3=96berg?= <asa@customer.example>',
      'Subject: =?UTF-8?B?RnLDpWdhIG9tIG1pbiBlbHLDpGtuaW5n?=',
      '',
      'Hej',
    );
    const slovak = raw(
      'From: =?UTF-8?Q?=C4=BDubom=C3=ADr_=C5=A0=C5=A5astn=C3=BD?= <lubomir@customer.example>',
      'Subject: =?UTF-8?Q?Ot=C3=A1zka_k_fakt=C3=BAre_za_plyn?=',
      '',
      'Dobrý deň',
    );

    // Act
    const mails = await Promise.all([parser.parse(swedish), parser.parse(slovak)]);

    // Assess
    expect(mails.map((mail) => [mail.subject, mail.from?.name])).toEqual([
      ['Fråga om min elräkning', 'Åsa Öberg'],
      ['Otázka k faktúre za plyn', 'Ľubomír Šťastný'],
    ]);
  });

  it('marks an out-of-office reply and a bounce as automatic', async () => {
    // Prepare
    const outOfOffice = raw(
      'From: anna@customer.example',
      'Subject: Frånvaro',
      'Auto-Submitted: auto-replied',
      '',
      'Jag är borta.',
    );
    const bounce = raw(
      'Return-Path: <>',
      'From: MAILER-DAEMON@customer.example',
      'Subject: Undelivered',
      '',
      'Delivery failed.',
    );

    // Act
    const mails = await Promise.all([parser.parse(outOfOffice), parser.parse(bounce)]);

    // Assess
    expect(mails.map((mail) => mail.autoReply)).toEqual([true, true]);
  });

  it('leaves out a Date it cannot read and recipients that are no addresses', async () => {
    // Prepare
    const message = raw(
      'From: anna@customer.example',
      'To: undisclosed-recipients:;',
      'X-Original-To: Kundtjanst@Service.example',
      'Date: sometime last week',
      'Subject: x',
      '',
      'x',
    );

    // Act
    const mail = await parser.parse(message);

    // Assess
    expect(mail.date).toBeUndefined();
    expect(mail.to).toEqual(['kundtjanst@service.example']);
  });

  it('reads a mail without From as one with no sender', async () => {
    // Prepare
    const message = raw('To: kundtjanst@service.example', 'Subject: Who am I', '', 'Body');

    // Act
    const mail = await parser.parse(message);

    // Assess
    expect(mail.from).toBeUndefined();
    expect(mail.subject).toBe('Who am I');
  });

  it('reads a From without a valid address as no sender', async () => {
    expect((await parser.parse(raw('From: Anna', 'Subject: x', '', 'x'))).from).toBeUndefined();
  });

  it('refuses a message postal-mime gives up on as malformed, with its error as the cause', async () => {
    // Prepare: MIME parts nested deeper than postal-mime's limit of 256
    const depth = 300;
    const opening = Array.from({ length: depth }, (_, i) => [
      `Content-Type: multipart/mixed; boundary="b${i}"`,
      '',
      `--b${i}`,
    ]).flat();
    const message = raw('From: anna@customer.example', ...opening, 'Content-Type: text/plain', '', 'deep');

    // Act
    const error = await parser.parse(message).catch((thrown: unknown) => thrown);

    // Assess
    expect(error).toBeInstanceOf(MalformedMailError);
    expect((error as MalformedMailError).cause).toMatchObject({ code: 'EMAXNESTINGDEPTH' });
  });

  it.each([
    ['binary garbage', new Uint8Array([0, 1, 2, 3, 255, 254, 10, 10, 65])],
    ['text without headers', new TextEncoder().encode('hello world, this is not a mail')],
    ['nothing', new Uint8Array()],
  ])('refuses %s as malformed', async (_, bytes) => {
    await expect(parser.parse(bytes)).rejects.toThrow(MalformedMailError);
  });
});
