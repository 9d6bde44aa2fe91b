import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../lib/local/runtime';
import { clientFor, startTestRuntime, tokenFor } from '../support/runtime';

const hour = 3_600_000;

describe('scheduled activities, end to end', () => {
  let runtime: LocalRuntime;
  let admin: ReturnType<typeof clientFor>;
  let service: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    admin = clientFor(runtime, runtime.tenants[0]?.adminToken as string);
    service = clientFor(runtime, await tokenFor(runtime, 'norrsken', 'service'));
  });
  afterAll(() => runtime.stop());

  it('turns a due activity into one task for its owner when the clock passes its time', async () => {
    // Prepare: a call-back booked for one hour from the scheduler's now.
    const contact = await admin.post('/v1/contacts', { firstName: 'Åsa', lastName: 'Lind' });
    const at = new Date(
      Math.ceil((runtime.scheduler.now().getTime() + hour) / 60_000) * 60_000,
    ).toISOString();
    const scheduled = await admin.post(`/v1/contacts/${contact.body.id}/activities`, {
      title: 'Ring tillbaka om fakturan',
      ownerId: 'norrsken-service',
      schedule: { kind: 'once', at },
    });
    const before = await service.get('/v1/tasks');

    // Act
    await runtime.scheduler.advanceTo(new Date(runtime.scheduler.now().getTime() + 2 * hour));
    await runtime.settled();
    await runtime.scheduler.advanceTo(new Date(runtime.scheduler.now().getTime() + 2 * hour));
    const tasks = await service.get('/v1/tasks');
    const completed = await service.post(`/v1/tasks/${tasks.body.items[0]?.id}/complete`, {});
    const timeline = await admin.get(`/v1/contacts/${contact.body.id}/timeline`);

    // Assess
    expect(scheduled.status).toBe(201);
    expect(before.body.items).toEqual([]);
    expect(tasks.body.items.map((t: { title: string }) => t.title)).toEqual(['Ring tillbaka om fakturan']);
    expect(completed.status).toBe(200);
    expect(timeline.body.items.map((e: { title: string }) => e.title)).toContain('Activity due');
  });
});
