import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { rawMail } from '../support/raw-mail';
import { clientFor, startTestRuntime, tokenFor } from '../support/runtime';

interface StoredMail {
  readonly messageId: string;
  readonly destination: { readonly to: readonly string[] };
  readonly subject: string;
  readonly body: { readonly text?: string };
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
}

describe('customer service end to end: mail in, routed, answered, threaded, paused, escalated', () => {
  let runtime: LocalRuntime;
  let admin: ReturnType<typeof clientFor>;

  const deliver = async (raw: string) => {
    const response = await fetch(runtime.inboundMailUrl, { method: 'POST', body: raw });
    expect(response.status).toBe(202);
    await runtime.settled();
  };
  const sentMail = async () =>
    ((await (await fetch(`${runtime.mailboxUrl}/store`)).json()) as { emails: StoredMail[] }).emails;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    admin = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'admin'));
  });
  afterAll(() => runtime.stop());

  it('takes a customer’s mail from first message to escalation, once each', async () => {
    // Prepare: the demo bakery's contact writes to the service mailbox about an outage.
    const settings = await admin.get('/v1/service/settings');
    const escalationTeam = settings.body.teams.find((t: { method: string }) => t.method === 'queue').groupId;
    const karin = (await admin.get('/v1/identify?email=karin@solrosen.example')).body.contacts[0];

    // Act: the first mail arrives.
    await deliver(
      rawMail({
        from: 'Karin Lindqvist <karin@solrosen.example>',
        to: 'Norrsken Kundtjänst <kundservice@norrsken.example>',
        subject: 'Strömavbrott på Storgatan',
        messageId: 'first.1@solrosen.example',
        text: 'Hej! Vi har strömavbrott i bageriet sedan i morse.',
      }),
    );
    const listed = await admin.get(`/v1/cases?accountId=${karin.account.id}`);
    const opened = listed.body.items[0];
    const queue = await admin.get(`/v1/case-queues/teams/${escalationTeam}`);

    // Assess: a case of the contact, routed by the outage words to the escalation team's queue, with its clocks.
    expect(listed.body.items).toHaveLength(1);
    expect(opened).toMatchObject({
      channel: 'email',
      status: 'new',
      contactId: karin.contact.id,
      accountId: karin.account.id,
      teamId: escalationTeam,
      routedBy: 'outage-words',
      priority: 'normal',
    });
    expect(opened.ownerId).toBeUndefined();
    expect(queue.body.items.map((c: { id: string }) => c.id)).toEqual([opened.id]);
    expect(opened.sla.calendarId).toBe('office-hours');
    expect(opened.sla.firstResponse.status).toBe('running');
    expect(Date.parse(opened.sla.firstResponse.dueAt)).toBeGreaterThan(Date.parse(opened.createdAt));
    expect(opened.sla.resolution.dueAt > opened.sla.firstResponse.dueAt).toBe(true);

    // Act: an agent answers and waits for the customer.
    const reply = await admin.post(`/v1/cases/${opened.id}/replies`, {
      text: 'Hej Karin, vi har kontaktat nätägaren.',
      status: 'waiting-on-customer',
    });
    const answered = await admin.get(`/v1/cases/${opened.id}`);
    const outbound = (await sentMail()).filter((m) => m.destination.to.includes('karin@solrosen.example'));

    // Assess: the mail carries the token and the thread's references; the clocks stop.
    expect(reply.status).toBe(201);
    expect(outbound).toHaveLength(1);
    expect(outbound[0]?.subject).toBe(`Re: Strömavbrott på Storgatan [#C-${opened.number}]`);
    const headers = new Map((outbound[0]?.headers ?? []).map((h) => [h.name.toLowerCase(), h.value]));
    expect(headers.get('in-reply-to')).toBe('<first.1@solrosen.example>');
    expect(headers.get('references')).toContain('<first.1@solrosen.example>');
    expect(headers.get('references')).toContain(`<${reply.body.mailMessageId}>`);
    expect(answered.body.status).toBe('waiting-on-customer');
    expect(answered.body.sla.firstResponse.status).toBe('met');
    expect(answered.body.sla.resolution.status).toBe('paused');
    expect(answered.body.sla.timers).toEqual({});

    // Act: an out-of-office answer, then the customer's real reply, threaded by the headers alone.
    await deliver(
      rawMail({
        from: 'karin@solrosen.example',
        to: 'kundservice@norrsken.example',
        subject: 'Autosvar: Re: Strömavbrott på Storgatan',
        messageId: 'auto.1@solrosen.example',
        inReplyTo: reply.body.mailMessageId,
        text: 'Jag är på semester.',
        extra: ['Auto-Submitted: auto-replied'],
      }),
    );
    const afterAutoReply = await admin.get(`/v1/cases/${opened.id}`);
    const customerReply = rawMail({
      from: 'karin@solrosen.example',
      to: 'kundservice@norrsken.example',
      subject: 'Re: Strömavbrott på Storgatan',
      messageId: 'reply.2@solrosen.example',
      inReplyTo: reply.body.mailMessageId,
      references: `<first.1@solrosen.example> <${reply.body.mailMessageId}>`,
      text: 'Tack, strömmen är tillbaka men kylen gick sönder.',
    });
    await deliver(customerReply);
    await deliver(customerReply);
    const resumed = await admin.get(`/v1/cases/${opened.id}`);
    const thread = await admin.get(`/v1/cases/${opened.id}/messages`);

    // Assess: the automatic mail joins the thread without waking the case; the reply wakes it once.
    expect(afterAutoReply.body.status).toBe('waiting-on-customer');
    expect(resumed.body.status).toBe('open');
    expect(resumed.body.sla.resolution.status).toBe('running');
    expect(
      thread.body.items.map((m: { kind: string; automatic?: boolean }) => [m.kind, m.automatic ?? false]),
    ).toEqual([
      ['inbound', false],
      ['outbound', false],
      ['inbound', true],
      ['inbound', false],
    ]);

    // Act: the scheduler's clock passes the resolution's warning time, then its due time, then beyond.
    const { warnAt, dueAt } = resumed.body.sla.resolution;
    await runtime.scheduler.advanceTo(new Date(Date.parse(warnAt) + 1000));
    await runtime.settled();
    await runtime.scheduler.advanceTo(new Date(Date.parse(dueAt) + 1000));
    await runtime.settled();
    await runtime.scheduler.advanceTo(new Date(Date.parse(dueAt) + 86_400_000));
    await runtime.settled();
    const escalated = await admin.get(`/v1/cases/${opened.id}`);
    const history = await admin.get(`/v1/cases/${opened.id}/history?limit=100`);
    const events = history.body.items.map((e: { type: string }) => e.type);
    const notices = (await sentMail()).filter(
      (m) => m.subject.includes(`C-${opened.number}`) && m.subject.startsWith('SLA'),
    );

    // Assess: one warning and one breach; the breach raised the priority; the lead was told of each.
    expect(events.filter((t: string) => t === 'CaseSlaWarning')).toHaveLength(1);
    expect(events.filter((t: string) => t === 'CaseSlaBreached')).toHaveLength(1);
    expect(escalated.body.priority).toBe('high');
    expect(escalated.body.sla.resolution.status).toBe('breached');
    expect(escalated.body.sla.resolution.breachedAt).toBe(dueAt);
    expect(escalated.body.sla.fired).toEqual(['resolution-warning', 'resolution-breach']);
    expect(notices.map((m) => m.subject.split(':')[0])).toEqual(['SLA warning', 'SLA breached']);

    // Act: the caller rings; the account is opened.
    const identified = await admin.get('/v1/identify?phone=070-812%2044%2019');
    const view = await admin.get(`/v1/accounts/${karin.account.id}/view`);

    // Assess: both show the open case.
    expect(identified.body.contacts[0].openCases.map((c: { number: number }) => c.number)).toEqual([
      opened.number,
    ]);
    expect(view.body.openCases.map((c: { id: string }) => c.id)).toEqual([opened.id]);
  });
});
