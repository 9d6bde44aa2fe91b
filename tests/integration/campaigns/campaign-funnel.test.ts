import { ulid } from 'ulid';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Caller } from '#domain/caller';
import { eventNamesIn } from '#domain/event-definition';
import { campaignsServices } from '#runtime/campaigns-services';
import { mailFeedbackRecorder } from '#runtime/newsletters-services';
import { salesReportConsumer, salesReportQueueEvents } from '#runtime/sales-report-consumer';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION } from '../../../lib/local/dynamodb-local';
import { lambdaContext } from '../../../lib/local/lambda-context';
import { topology } from '../../../lib/topology';
import { freshTable, swedishTenant } from '../../support/local-table';
import { busEnvelope, receivedEvent, sqsEvent, sqsRecord } from '../../support/queue-messages';
import { prospectLife, store } from './campaign-world';

type Event = ReturnType<typeof prospectLife>['events'][number];

const allSix = [
  { step: 'awareness', count: 1 },
  { step: 'interest', count: 1 },
  { step: 'consideration', count: 1 },
  { step: 'intent', count: 1 },
  { step: 'evaluation', count: 1 },
  { step: 'purchase', count: 1 },
];

const oneProspect = {
  leads: 1,
  mql: 1,
  sql: 1,
  meetings: 0,
  deals: 1,
  offers: 1,
  won: 1,
  contractsSigned: 1,
  clicks: 0,
};

/** The campaign funnel as the sales-reports consumer keeps it (ADR 0031). */
describe('the campaign funnel consumer', () => {
  let table: Table;
  let admin: Caller;
  const apply = (e: Event) =>
    salesReportConsumer({ table })(receivedEvent(e, eventNamesIn(salesReportQueueEvents)));
  const campaignWithCode = async (code: string) =>
    campaignsServices({ table }).campaigns.create(admin, {
      name: `Kampanj ${code}`,
      channel: 'web',
      period: { from: '2027-03-01', to: '2027-05-31' },
      budget: { amountMinor: 3_000_000 },
      codes: { campaign: code },
    });
  const report = (campaignId: string) => campaignsServices({ table }).campaigns.report(admin, campaignId);

  beforeAll(async () => {
    table = await freshTable();
    const tenant = swedishTenant();
    await new DynamoTenantDirectory(table).save(tenant);
    admin = { tenantId: tenant.id, userId: 'admin', roles: ['admin'] };
  });

  it('follows a lead to its signed contract: every count and step once, the value, the costs', async () => {
    const campaign = await campaignWithCode('in-order');
    const life = prospectLife(admin.tenantId, 'In-Order', 1_250_000);
    await store(table, life.lead, life.deal);

    // Act
    for (const e of life.events) await apply(e);

    // Assess
    const got = await report(campaign.id);
    expect(got.counts).toEqual(oneProspect);
    expect(got.funnel).toEqual(allSix);
    expect(got.contractValue).toEqual([{ currency: 'SEK', amountMinor: 1_250_000 }]);
    expect(got.costPerLead).toEqual({ amountMinor: 3_000_000, currency: 'SEK' });
    expect(got.costPerContract).toEqual({ amountMinor: 3_000_000, currency: 'SEK' });
  });

  it('counts a contract signed before the lead’s and deal’s events were seen, and those events only add their counts', async () => {
    const campaign = await campaignWithCode('reordered');
    const life = prospectLife(admin.tenantId, 'reordered', 800_000);
    await store(table, life.lead, life.deal);
    const signed = life.events.at(-1) as Event;

    // Act: the contract first, then the rest backwards.
    await apply(signed);
    const afterContract = await report(campaign.id);
    for (const e of life.events.slice(0, -1).reverse()) await apply(e);

    // Assess
    expect(afterContract.funnel).toEqual(allSix);
    expect(afterContract.contractsSigned).toBe(1);
    expect(afterContract.leads).toBe(0);
    const got = await report(campaign.id);
    expect(got.counts).toEqual(oneProspect);
    expect(got.funnel).toEqual(allSix);
  });

  it('adds nothing for events delivered again', async () => {
    const campaign = await campaignWithCode('twice');
    const life = prospectLife(admin.tenantId, 'twice', 500_000);
    await store(table, life.lead, life.deal);

    // Act
    for (const e of life.events) await apply(e);
    for (const e of life.events) await apply(e);

    // Assess
    const got = await report(campaign.id);
    expect(got.counts).toEqual(oneProspect);
    expect(got.contractValue).toEqual([{ currency: 'SEK', amountMinor: 500_000 }]);
  });

  it('counts a lead without a campaign code nowhere, and one whose campaign comes later for that campaign', async () => {
    const early = prospectLife(admin.tenantId, 'set-up-later', 100);
    const none = prospectLife(admin.tenantId, '', 100);
    await store(table, early.lead, early.deal);
    await store(table, none.lead, none.deal);

    // Act
    await apply(early.events[0] as Event);
    for (const e of none.events) await apply(e);
    const campaign = await campaignWithCode('SET-UP-LATER');

    // Assess
    const got = await report(campaign.id);
    expect(got.leads).toBe(1);
    expect(got.funnel.map((s) => s.count)).toEqual([1, 1, 0, 0, 0, 0]);
  });

  it('counts newsletter clicks with the campaign’s utm_campaign as awareness, once per contact', async () => {
    const campaign = await campaignWithCode('nl-click');
    const recorder = mailFeedbackRecorder(table);
    const click = (contact: string) => ({
      eventType: 'Click',
      mail: {
        messageId: ulid(),
        timestamp: '2027-03-02T08:00:00.000Z',
        tags: { tenant: [admin.tenantId], newsletter: ['n1'], contact: [contact] },
      },
      click: { link: 'https://energi.example/varme?utm_source=newsletter&utm_campaign=NL-Click' },
    });

    // Act
    await recorder.record(ulid(), click('c1'), new Date());
    await recorder.record(ulid(), click('c1'), new Date());
    await recorder.record(ulid(), click('c2'), new Date());

    // Assess
    const got = await report(campaign.id);
    expect(got.counts.clicks).toBe(2);
    expect(got.funnel.map((s) => s.count)).toEqual([2, 0, 0, 0, 0, 0]);
  });

  it('runs in the sales-reports function: a batch with the same event twice and a poison message', async () => {
    Object.assign(process.env, {
      TABLE_NAME: table.name,
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoEndpoint'),
      AWS_REGION: LOCAL_DYNAMODB_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
    });
    const { handler } = await import('../../../functions/sales-reports');
    const definition = topology.functions.find((f) => f.name === 'sales-reports');
    if (!definition) throw new Error('sales-reports is not in the topology');
    const campaign = await campaignWithCode('batch');
    const life = prospectLife(admin.tenantId, 'batch', 700_000);
    await store(table, life.lead, life.deal);
    const body = JSON.stringify(busEnvelope(life.events.at(-1) as Event));

    // Act
    const response = await handler(
      sqsEvent(sqsRecord('m1', body), sqsRecord('m2', body), sqsRecord('poison', '{"detail": 42')),
      lambdaContext(definition),
    );

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
    const got = await report(campaign.id);
    expect(got.contractsSigned).toBe(1);
    expect(got.contractValue).toEqual([{ currency: 'SEK', amountMinor: 700_000 }]);
  });
});
