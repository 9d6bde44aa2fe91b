import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMailEvent } from '#domain/newsletters/ses-feedback';

const sample = (name: string) =>
  JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../events/ses', name), 'utf8')).detail;

describe('SES’s word on a sent mail', () => {
  it('reads a permanent bounce with its address, reason and the mail’s tags', () => {
    // Act
    const read = readMailEvent(sample('bounce-permanent.json'));

    // Assess
    expect(read).toEqual({
      ok: true,
      event: {
        messageId: '0100019a1b2c3d4e-aa11bb22-cc33-4d44-8e55-ff6677889900-000000',
        sentAt: '2027-01-12T08:31:05.201Z',
        tags: {
          'ses:configuration-set': 'gridline-newsletters',
          tenant: 'norrsken',
          newsletter: '01JH0000000000000000000000',
        },
        feedback: {
          kind: 'bounce',
          permanent: true,
          recipients: ['gammal.adress@solrosen.example'],
          reason: 'Permanent/General',
        },
      },
    });
  });

  it('reads a complaint with the address lower-cased', () => {
    // Act
    const read = readMailEvent(sample('complaint.json'));

    // Assess
    expect(read.ok && read.event.feedback).toEqual({
      kind: 'complaint',
      recipients: ['karin@solrosen.example'],
      reason: 'abuse',
    });
  });

  it('counts a transient bounce as not permanent, and reads deliveries, opens and clicks', () => {
    // Prepare
    const base = sample('bounce-permanent.json');
    const transient = {
      ...base,
      bounce: { ...base.bounce, bounceType: 'Transient', bounceSubType: 'MailboxFull' },
    };
    const { bounce: _b, ...mailOnly } = base;

    // Act
    const reads = [
      readMailEvent(transient),
      readMailEvent({ ...mailOnly, eventType: 'Delivery', delivery: { recipients: ['A@x.example'] } }),
      readMailEvent({ ...mailOnly, eventType: 'Open', open: {} }),
      readMailEvent({ ...mailOnly, eventType: 'Click', click: { link: 'https://norrsken.example/pris' } }),
      readMailEvent({ ...mailOnly, eventType: 'Send', send: {} }),
    ].map((r) => (r.ok ? r.event.feedback : r.reason));

    // Assess
    expect(reads).toEqual([
      {
        kind: 'bounce',
        permanent: false,
        recipients: ['gammal.adress@solrosen.example'],
        reason: 'Transient/MailboxFull',
      },
      { kind: 'delivery', recipients: ['a@x.example'] },
      { kind: 'open' },
      { kind: 'click', link: 'https://norrsken.example/pris' },
      { kind: 'other', eventType: 'Send' },
    ]);
  });

  it('refuses what SES does not send, naming why, without throwing', () => {
    // Act
    const reads = [
      readMailEvent(undefined),
      readMailEvent('Bounce'),
      readMailEvent({ eventType: 'Bounce', mail: { messageId: 'm', timestamp: 't' } }),
      readMailEvent({ eventType: 'Complaint', mail: {} }),
    ];

    // Assess
    expect(reads.every((r) => !r.ok)).toBe(true);
    expect(reads[2]).toEqual({ ok: false, reason: 'a Bounce record without its bounce part' });
    expect(reads[3]?.ok === false && reads[3].reason).toContain('mail.messageId');
  });
});
