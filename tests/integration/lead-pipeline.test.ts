import { beforeAll, describe, expect, it } from 'vitest';
import type { Activity } from '#domain/activities/activity';
import type { ActivityScheduler } from '#domain/activities/scheduler';
import type { Lead } from '#domain/sales/leads/lead';
import type { LeadPipeline } from '#domain/sales/leads/lead-pipeline';
import { leadPipelineEvents } from '#domain/sales/leads/lead-pipeline';
import type { LeadInput } from '#domain/sales/leads/lead-service';
import { activitiesServices } from '#runtime/activities-services';
import { leadPipelineServices } from '#runtime/lead-pipeline-services';
import { receivedEvent } from '../support/queue-messages';
import { salesFixture } from '../support/sales-fixture';

type Fixture = Awaited<ReturnType<typeof salesFixture>>;

/** Remembers what would be scheduled; the pipeline only needs the schedule to be accepted. */
class RecordingScheduler implements ActivityScheduler {
  readonly scheduled: Activity[] = [];
  async schedule(activity: Activity) {
    this.scheduled.push(activity);
  }
  async cancel() {}
}

const business: LeadInput = {
  companyName: 'Hav AB',
  lastName: 'Hav',
  email: 'info@hav.example',
  segment: 'B2B',
  commodity: 'electricity',
  annualConsumptionKwh: 90_000,
  attribution: { source: 'manual' },
};

/** The event a service wrote for a lead, as the queue would deliver it; a change carries the lead before too. */
const eventFor = (lead: Lead, type: string, id: string) =>
  receivedEvent(
    {
      id,
      type,
      source: 'gridline.sales',
      tenantId: lead.tenantId,
      occurredAt: lead.updatedAt,
      actor: { userId: lead.updatedBy },
      subject: { type: 'lead', id: lead.id },
      data: type === 'LeadCreated' ? { lead } : { lead, previous: lead },
    },
    leadPipelineEvents,
  );

describe('lead pipeline: scoring, qualifying, routing, nurturing', () => {
  let f: Fixture;
  let scheduler: RecordingScheduler;
  let pipeline: LeadPipeline;

  beforeAll(async () => {
    f = await salesFixture();
    scheduler = new RecordingScheduler();
    pipeline = leadPipelineServices({ table: f.table, scheduler }).pipeline;
    await f.sales.salesSettings.replace(f.admin, 0, {
      scoring: {
        rules: [
          { id: 'b2b', kind: 'attribute', attribute: 'segment', equals: 'b2b', points: 20 },
          { id: 'big', kind: 'consumption', atLeastKwh: 50_000, points: 25 },
          { id: 'opened', kind: 'activity', activity: 'email-opened', pointsEach: 5, maxPoints: 10 },
        ],
        qualifyAt: 50,
      },
      routing: {
        rules: [{ id: 'business', when: { segment: 'B2B' }, to: { type: 'group', groupId: f.groups.team } }],
      },
      nurturing: { rules: [{ id: 'call', stage: 'lead', afterDays: 2, title: 'Call the lead' }] },
      offers: { validityDays: 30 },
    });
  });

  const processed = async (input: LeadInput, id: string) => {
    const lead = (await f.sales.leads.create(f.admin, input)).value;
    await pipeline.handle(eventFor(lead, 'LeadCreated', id));
    return f.sales.leads.get(f.admin, lead.id);
  };

  it('scores a new lead by its attributes and routes it round-robin within the group', async () => {
    const first = await processed(business, 'evt-a');
    const second = await processed({ ...business, email: 'two@hav.example' }, 'evt-b');
    expect(first).toMatchObject({ score: 45, stage: 'lead', groupId: f.groups.team });
    expect(first.scoreLines).toEqual([
      { rule: 'b2b', points: 20 },
      { rule: 'big', points: 25 },
    ]);
    expect(new Set([first.ownerId, second.ownerId])).toEqual(new Set([f.anna.userId, f.bo.userId]));
  });

  it('recomputes the score from engagement and qualifies at the threshold', async () => {
    const lead = await processed({ ...business, email: 'three@hav.example' }, 'evt-c');
    const engaged = await f.sales.leads.recordEngagement(f.anna, lead.id, 'email-opened');
    await pipeline.handle(eventFor(engaged, 'LeadEngagementRecorded', 'evt-d'));
    const after = await f.sales.leads.get(f.admin, lead.id);
    expect(after).toMatchObject({ score: 50, stage: 'marketing-qualified', ownerId: lead.ownerId });
    expect(after.stageHistory.at(-1)).toMatchObject({ stage: 'marketing-qualified', by: 'lead-pipeline' });
  });

  it('passes over a deactivated member', async () => {
    await f.users.deactivate(f.admin, f.bo.userId);
    const owners = new Set<string | undefined>();
    for (const n of [1, 2, 3])
      owners.add((await processed({ ...business, email: `d${n}@hav.example` }, `evt-e${n}`)).ownerId);
    expect(owners).toEqual(new Set([f.anna.userId]));
    await f.users.reactivate(f.admin, f.bo.userId);
  });

  it('schedules the owner’s follow-up once, however often the routing event comes', async () => {
    const lead = await processed({ ...business, email: 'nurture@hav.example' }, 'evt-f');
    const routed = eventFor(lead, 'LeadRouted', 'evt-routed');
    await pipeline.handle(routed);
    await pipeline.handle(routed);
    const { activities } = activitiesServices({ table: f.table, scheduler });
    const page = await activities.ofSubject(f.admin, { type: 'lead', id: lead.id }, { limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ title: 'Call the lead', ownerId: lead.ownerId });
  });

  it('leaves a lead without a matching rule unassigned and changes nothing on a second delivery', async () => {
    const consumer = await processed({ ...business, segment: 'B2C', email: 'home@hav.example' }, 'evt-g');
    expect(consumer.ownerId).toBeUndefined();
    await pipeline.handle(eventFor(consumer, 'LeadCreated', 'evt-g'));
    expect((await f.sales.leads.get(f.admin, consumer.id)).version).toBe(consumer.version);
  });
});
