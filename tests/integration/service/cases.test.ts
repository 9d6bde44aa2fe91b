import { describe, expect, it } from 'vitest';
import { NotFoundError } from '#domain/errors';
import { DynamoCaseStore } from '#table/service/case-store';
import { caseWorld } from './case-world';

// Tuesday 1 December 2026, 10:00 in Stockholm (CET, UTC+1); the default calendar is Mon–Fri 08–17.
const tuesday10 = '2026-12-01T09:00:00.000Z';

describe('cases on the table', () => {
  it('numbers cases without gaps and shares them round-robin up to each agent’s capacity, the rest in the team queue', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);

    // Act
    const opened = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        w.services.cases.open(admin, { subject: `Fråga ${i}`, description: '', channel: 'email' }),
      ),
    );
    const anna = await w.services.cases.mine(await w.actorOf(w.users.anna), { limit: 25 });
    const bo = await w.services.cases.mine(await w.actorOf(w.users.bo), { limit: 25 });
    const queue = await w.services.cases.teamQueue(admin, w.team.id, { limit: 25 });

    // Assess
    expect(opened.map((c) => c.value.number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(anna.items).toHaveLength(2);
    expect(bo.items).toHaveLength(2);
    expect(queue.items).toHaveLength(4);
    expect(queue.items.every((c) => c.ownerId === undefined && c.teamId === w.team.id)).toBe(true);
  });

  it('plans the targets on the business calendar and sets a warning and a breach timer for each', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);

    // Act
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Faktura',
      description: '',
      channel: 'email',
    });

    // Assess: normal priority, 480 and 2 400 business minutes, warnings at 80 %.
    expect(c.sla.firstResponse.dueAt).toBe('2026-12-02T08:00:00.000Z'); // Wed 09:00
    expect(c.sla.firstResponse.warnAt).toBe('2026-12-01T15:24:00.000Z'); // Tue 16:24
    expect(c.sla.resolution.dueAt).toBe('2026-12-07T13:00:00.000Z'); // Mon 14:00
    expect(c.sla.resolution.warnAt).toBe('2026-12-04T14:00:00.000Z'); // Fri 15:00
    expect(w.timers.of(c.id).map((t) => [t.timer, t.at])).toEqual([
      ['firstResponse-warning', '2026-12-01T15:24:00.000Z'],
      ['firstResponse-breach', '2026-12-02T08:00:00.000Z'],
      ['resolution-warning', '2026-12-04T14:00:00.000Z'],
      ['resolution-breach', '2026-12-07T13:00:00.000Z'],
    ]);
  });

  it('stops the clocks while waiting on the customer, keeps the paused time and moves the due times by it', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Flytt',
      description: '',
      channel: 'email',
    });

    // Act: waiting from Tue 12:00 to Wed 13:00 local: 300 + 300 business minutes.
    w.clock.set('2026-12-01T11:00:00.000Z');
    const waiting = await w.services.cases.setStatus(admin, c.id, c.version, 'waiting-on-customer');
    const timersWhileWaiting = w.timers.of(c.id);
    w.clock.set('2026-12-02T12:00:00.000Z');
    const resumed = await w.services.cases.setStatus(admin, c.id, waiting.version, 'open');

    // Assess
    expect(waiting.sla.resolution.status).toBe('paused');
    expect(timersWhileWaiting).toEqual([]);
    expect(resumed.sla.resolution.pausedMinutes).toBe(600);
    expect(resumed.sla.resolution.dueAt).toBe('2026-12-08T14:00:00.000Z'); // Tue 15:00 the week after
    expect(resumed.sla.firstResponse.dueAt).toBe('2026-12-03T09:00:00.000Z'); // Thu 10:00
    expect(w.timers.of(c.id).map((t) => t.timer)).toEqual([
      'firstResponse-warning',
      'firstResponse-breach',
      'resolution-warning',
      'resolution-breach',
    ]);
  });

  it('re-plans the open targets when the priority changes, and records an unanswered first response breached on closing', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Avbrott',
      description: '',
      channel: 'email',
    });

    // Act
    const urgent = await w.services.cases.update(admin, c.id, c.version, { priority: 'urgent' });
    w.clock.set('2026-12-01T09:30:00.000Z');
    const closed = await w.services.cases.setStatus(admin, c.id, urgent.version, 'closed');

    // Assess: urgent is 60 minutes to a first response; closed after 30 of them, unanswered.
    expect(urgent.sla.firstResponse.dueAt).toBe('2026-12-01T10:00:00.000Z');
    expect(closed.sla.firstResponse).toMatchObject({
      status: 'breached',
      breachedAt: '2026-12-01T09:30:00.000Z',
    });
    expect(closed.sla.resolution.status).toBe('met');
    expect(w.timers.of(c.id)).toEqual([]);
  });

  it('answers the customer by mail, which meets the first response and releases nothing', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Mätarställning',
      description: '',
      channel: 'email',
      requester: { email: 'kund@example.se' },
    });

    // Act
    w.clock.set('2026-12-01T10:00:00.000Z');
    const reply = await w.services.cases.reply(admin, c.id, { text: 'Tack, vi läser av igen.' });
    const second = await w.services.cases.reply(admin, c.id, { text: 'Avläsningen är gjord.' });
    const after = await w.services.cases.get(admin, c.id);

    // Assess
    expect(w.sent).toEqual([
      { to: 'kund@example.se', subject: `Re: Mätarställning [#C-${c.number}]` },
      { to: 'kund@example.se', subject: `Re: Mätarställning [#C-${c.number}]` },
    ]);
    expect(w.headers[1]?.['In-Reply-To']).toBe(`<${reply.mailMessageId}>`);
    expect(w.headers[1]?.References).toBe(`<${reply.mailMessageId}> <${second.mailMessageId}>`);
    expect(reply.kind).toBe('outbound');
    expect(after.status).toBe('open');
    expect(after.sla.firstResponse).toMatchObject({ status: 'met', metAt: '2026-12-01T10:00:00.000Z' });
    expect(w.timers.of(c.id).map((t) => t.timer)).toEqual(['resolution-warning', 'resolution-breach']);
  });

  it('acts on a timer once: a warning, then a breach that raises the priority; repeated and stale timers do nothing', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Faktura',
      description: '',
      channel: 'email',
    });
    const [warning, breach] = w.timers.of(c.id);

    // Act
    const first = await w.services.escalation.fire(warning!);
    const again = await w.services.escalation.fire(warning!);
    const stale = await w.services.escalation.fire({ ...breach!, at: '2026-12-01T12:00:00.000Z' });
    const breached = await w.services.escalation.fire(breach!);
    const after = await w.services.cases.get(admin, c.id);

    // Assess
    expect([first, again, stale, breached]).toEqual(['warned', 'stale', 'stale', 'breached']);
    expect(after.priority).toBe('high');
    expect(after.sla.firstResponse).toMatchObject({ status: 'breached', breachedAt: breach!.at });
    expect(after.sla.fired).toEqual(['firstResponse-warning', 'firstResponse-breach']);
    expect(w.sent.map((m) => m.subject.split(':')[0])).toEqual(['SLA warning', 'SLA breached']);
  });

  it('shows a case to its team, its owner and admins; to anyone else it does not exist', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Faktura',
      description: '',
      channel: 'email',
    });

    // Act
    const byTeam = await w.services.cases.get(await w.actorOf(w.users.bo), c.id);
    const otherTeam = await w.services.cases
      .get(await w.actorOf(w.users.other), c.id)
      .catch((e: unknown) => e);
    const seller = await w.services.cases.get(await w.actorOf(w.users.seller), c.id).catch((e: unknown) => e);
    const listedForOther = await w.services.cases.list(await w.actorOf(w.users.other), {}, { limit: 25 });

    // Assess
    expect(byTeam.id).toBe(c.id);
    expect(otherTeam).toBeInstanceOf(NotFoundError);
    expect(seller).toBeInstanceOf(NotFoundError);
    expect(listedForOther.items).toEqual([]);
  });

  it('keeps the team’s counters right through reassignment and closing', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Faktura',
      description: '',
      channel: 'email',
    });
    const firstOwner = c.ownerId as string;
    const secondOwner = firstOwner === w.users.anna.sub ? w.users.bo.sub : w.users.anna.sub;

    const store = new DynamoCaseStore(w.table);

    // Act
    const moved = await w.services.cases.assign(admin, c.id, c.version, { ownerId: secondOwner });
    const afterMove = await store.teamLoad(w.tenant.id, w.team.id);
    await w.services.cases.setStatus(admin, c.id, moved.version, 'closed');
    const afterClose = await store.teamLoad(w.tenant.id, w.team.id);

    // Assess
    expect(afterMove.openCases).toEqual({ [secondOwner]: 1 });
    expect(afterClose.openCases).toEqual({});
  });

  it('refuses a reply’s impossible status before any mail goes out', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Faktura',
      description: '',
      channel: 'email',
      requester: { email: 'kund@example.se' },
    });

    // Act
    const refused = await w.services.cases
      .reply(admin, c.id, { text: 'Hej', status: 'new' })
      .catch((e: unknown) => e);

    // Assess
    expect(refused).toMatchObject({ code: 'invalid-state' });
    expect(w.sent).toEqual([]);
    expect((await w.services.cases.messages(admin, c.id, { limit: 10 })).items).toEqual([]);
  });

  it('escalates a target a priority change finds already past due', async () => {
    // Prepare: normal priority opened Tue 10:00; at 11:30 the case becomes urgent (60 minutes to a first response).
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Avbrott',
      description: '',
      channel: 'email',
    });
    w.clock.set('2026-12-01T10:30:00.000Z');

    // Act
    const urgent = await w.services.cases.update(admin, c.id, c.version, { priority: 'urgent' });
    const breachTimer = w.timers.of(c.id).find((t) => t.timer === 'firstResponse-breach');
    const outcome = await w.services.escalation.fire(breachTimer!);
    const after = await w.services.cases.get(admin, c.id);

    // Assess
    expect(urgent.sla.firstResponse.status).toBe('breached');
    expect(breachTimer?.at).toBe(urgent.sla.firstResponse.breachedAt);
    expect(outcome).toBe('breached');
    expect(after.sla.fired).toContain('firstResponse-breach');
    expect(w.sent.map((m) => m.subject.split(':')[0])).toEqual(['SLA breached']);
  });

  it('lets an agent who is also a viewer change only their teams’ cases, and keeps team queues from members without the service role', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Faktura',
      description: '',
      channel: 'email',
      teamId: w.team.id,
    });
    const viewingAgent = { ...(await w.actorOf(w.users.other)), roles: ['service', 'viewer'] as const };
    const sellerInTeam = { ...(await w.actorOf(w.users.seller)), teamIds: [w.team.id] };

    // Act
    const seen = await w.services.cases.get({ ...viewingAgent, roles: [...viewingAgent.roles] }, c.id);
    const changed = await w.services.cases
      .update({ ...viewingAgent, roles: [...viewingAgent.roles] }, c.id, c.version, { subject: 'Ändrad' })
      .catch((e: unknown) => e);
    const queue = await Promise.resolve()
      .then(() => w.services.cases.teamQueue(sellerInTeam, w.team.id, { limit: 25 }))
      .catch((e: unknown) => e);

    // Assess
    expect(seen.id).toBe(c.id);
    expect(changed).toBeInstanceOf(NotFoundError);
    expect(queue).toBeInstanceOf(NotFoundError);
  });

  it('keeps counting a case whose level an admin removed since, on the default level', async () => {
    // Prepare
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const adminActor = { tenantId: w.tenant.id, userId: w.users.admin.sub };
    const current = await w.services.settings.ofTenant(w.tenant.id);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Faktura',
      description: '',
      channel: 'email',
    });
    await w.services.settings.replace(adminActor, current.version, {
      ...current,
      supportLevels: current.supportLevels.filter((l) => l.id !== 'standard').map((l) => ({ ...l })),
      defaultSupportLevelId: 'priority',
      policies: current.policies.filter((p) => p.supportLevelId !== 'standard'),
    });

    // Act
    const view = await w.services.cases.view(admin, c.id);
    const raised = await w.services.cases.update(admin, c.id, c.version, { priority: 'high' });

    // Assess: the priority level's high policy is 120 / 480 minutes from Tue 10:00.
    expect(view.sla.resolution.businessMinutesLeft).toBe(2400);
    expect(raised.sla.firstResponse.dueAt).toBe('2026-12-01T11:00:00.000Z');
  });

  it('moves a breached case to the escalation team’s queue, releasing its owner, and lists cases breaching soon', async () => {
    // Prepare: normal priority escalates to the other team on breach.
    const w = await caseWorld({
      now: tuesday10,
      settings: (s) => ({
        ...s,
        policies: s.policies.map((p) =>
          p.priority === 'normal'
            ? { ...p, escalation: { ...p.escalation, escalationTeamId: s.teams[1]?.groupId } }
            : p,
        ),
      }),
    });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Faktura',
      description: '',
      channel: 'email',
    });
    const owner = c.ownerId as string;
    const store = new DynamoCaseStore(w.table);

    // Act
    w.clock.set('2026-12-02T07:30:00.000Z'); // Wed 08:30: the first response is due at 09:00
    const soon = await w.services.cases.breaching(admin, 20, { limit: 25 });
    const later = await w.services.cases.breaching(admin, 60, { limit: 25 });
    const breach = w.timers.of(c.id).find((t) => t.timer === 'firstResponse-breach');
    await w.services.escalation.fire(breach!);
    const after = await w.services.cases.get(admin, c.id);
    const load = await store.teamLoad(w.tenant.id, w.team.id);
    const escalationQueue = await w.services.cases.teamQueue(admin, w.otherTeam.id, { limit: 25 });

    // Assess
    expect(soon.items).toEqual([]);
    expect(later.items.map((i) => i.id)).toEqual([c.id]);
    expect(after.teamId).toBe(w.otherTeam.id);
    expect(after.ownerId).toBeUndefined();
    expect(load.openCases[owner]).toBeUndefined();
    expect(escalationQueue.items.map((i) => i.id)).toEqual([c.id]);
  });

  it('leaves no timer to a finished case, even for a breach a change had found', async () => {
    // Prepare: urgent at 10:30 finds the first response (due 10:00) breached; then the case is resolved.
    const w = await caseWorld({ now: tuesday10 });
    const admin = await w.actorOf(w.users.admin);
    const { value: c } = await w.services.cases.open(admin, {
      subject: 'Avbrott',
      description: '',
      channel: 'email',
    });
    w.clock.set('2026-12-01T10:30:00.000Z');
    const urgent = await w.services.cases.update(admin, c.id, c.version, { priority: 'urgent' });

    // Act
    const resolved = await w.services.cases.setStatus(admin, c.id, urgent.version, 'resolved');

    // Assess
    expect(resolved.sla.firstResponse.status).toBe('breached');
    expect(resolved.sla.timers).toEqual({});
    expect(w.timers.of(c.id)).toEqual([]);
    expect(w.sent).toEqual([]);
  });
});
