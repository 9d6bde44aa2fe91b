import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { monotonicFactory } from 'ulid';
import { PostalMimeParser } from '#adapters/mail/postal-mime-parser';
import { objectStoreFromEnvironment } from '#adapters/storage/s3-object-store';
import { LocalUserDirectory } from '#adapters/users/local-user-directory';
import type { Case, CaseStatus } from '#domain/service/case';
import type { CaseActor } from '#domain/service/case-access';
import { respondSla, startSla } from '#domain/service/case-sla';
import { withStatus } from '#domain/service/case-status';
import type { CaseTimerInput } from '#domain/service/case-timers';
import {
  defaultServiceSettings,
  priorityLevelId,
  standardLevelId,
} from '#domain/service/default-service-settings';
import type { CasePriority, ServiceSettings } from '#domain/service/service-settings';
import { accountsServices } from '#runtime/accounts-services';
import { casesServices } from '#runtime/cases-services';
import { settingsServices } from '#runtime/settings-services';
import { usersServices } from '#runtime/users-services';
import { createTable, type Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { caseItem, queueWrites } from '#table/service/case-items';
import { createLocalTable } from '../lib/local/create-table';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  LOCAL_DYNAMODB_REGION,
  startDynamoDbLocal,
} from '../lib/local/dynamodb-local';
import { batchWrite } from './batch-write';
import { benchTenant } from './bench-tenant';
import { interleaved, percentile } from './stats';

/**
 * Customer service at volume (ADR 0018): a team's queue with 100 cases in
 * the tenant against 100 000, each count on a table of its own filled with
 * BatchWriteItem as the case store lays cases and queue entries out (the
 * view is one Query of one partition, so the volume must not show); and
 * inbound mail through `intake.mail` — new cases from a known contact and
 * replies threading into them by the `[#C-n]` token — timed per message
 * with its DynamoDB requests counted.
 */
export interface ServiceBenchOptions {
  readonly rounds?: number;
  readonly small?: number;
  readonly large?: number;
  /** Inbound messages: half open a case, half thread into one. */
  readonly mails?: number;
  /** Default: `AWS_ENDPOINT_URL_DYNAMODB`, as the local runtime sets it. */
  readonly dynamoEndpoint?: string;
  /** BatchWriteItem requests in flight while filling. */
  readonly concurrency?: number;
}

export interface QueueSamples {
  readonly p50: number;
  readonly p95: number;
  /** Rows of the first page. */
  readonly rows: number;
  /** Items written: cases and their queue entries. */
  readonly items: number;
}

export interface MailSamples {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  /** DynamoDB requests per message. */
  readonly requests: number;
}

export interface ServiceBenchResult {
  readonly rounds: number;
  readonly small: number;
  readonly large: number;
  readonly concurrency: number;
  readonly fillSeconds: { readonly small: number; readonly large: number };
  readonly queue: { readonly small: QueueSamples; readonly large: QueueSamples };
  readonly mail: { readonly opened: MailSamples; readonly threaded: MailSamples; readonly timersSet: number };
}

const agents = Array.from({ length: 20 }, (_, i) => `agent-${String(i).padStart(2, '0')}`);
const priorities: readonly CasePriority[] = [
  'urgent',
  'high',
  'high',
  'normal',
  'normal',
  'normal',
  'normal',
  'normal',
  'normal',
  'low',
];
const caseTypes = ['billing', 'meter-reading', 'move', 'supplier-switch', 'complaint', 'other'];
const settingsSE = defaultServiceSettings('SE');
/** Cases opened over the 60 days before this instant. */
const fillEnd = Date.UTC(2026, 2, 2, 12);
/**
 * Distinct openings (one an hour over 60 days, at varying minutes): every
 * per-case pattern below repeats within 1 440 cases, so a case's clocks are
 * worked out once per variant (each costs a few ms of calendar arithmetic).
 */
const clockVariants = 1_440;

/**
 * The clocks and status of variant `k`: of each 20 cases, two resolved or
 * closed (no queue entries), the rest open; of the open ones about one in
 * nine waits on the customer (clocks paused, sorted last) and one in three
 * has had its first answer.
 */
function clockCase(k: number): Case {
  const slot = k % 20;
  const openedAt = new Date(fillEnd - k * 3_600_000 - ((k * 17) % 60) * 60_000);
  const priority = priorities[k % priorities.length] as CasePriority;
  const supportLevelId = k % 8 === 0 ? priorityLevelId : standardLevelId;
  const at = openedAt.toISOString();
  const opened: Case = {
    id: '-',
    tenantId: '-',
    createdAt: at,
    createdBy: 'system:inbound-mail',
    updatedAt: at,
    updatedBy: 'system:inbound-mail',
    version: 1,
    number: 0,
    subject: '',
    description: 'Kunden undrar över beloppet på senaste fakturan.',
    type: caseTypes[k % caseTypes.length] as string,
    priority,
    channel: k % 3 === 0 ? 'phone' : 'email',
    status: 'new',
    statusChangedAt: at,
    tags: [],
    sla: startSla(settingsSE, supportLevelId, priority, openedAt),
    reopenCount: 0,
    messageCount: 1,
    lastMessageAt: at,
  };
  const later = new Date(openedAt.getTime() + 90 * 60_000);
  const status: CaseStatus =
    slot === 0
      ? 'resolved'
      : slot === 1
        ? 'closed'
        : k % 9 === 4
          ? 'waiting-on-customer'
          : k % 3 === 0
            ? 'open'
            : 'new';
  if (status === 'new') return opened;
  const answered: Case = {
    ...opened,
    firstRespondedAt: later.toISOString(),
    sla: respondSla(opened.sla, later),
    messageCount: 2,
  };
  const moved = withStatus(settingsSE, withStatus(settingsSE, answered, 'open', later), status, later);
  return { ...moved, version: 3, updatedAt: later.toISOString(), updatedBy: agents[k % 20] as string };
}

const clocks = new Map<number, Case>();

/** Case `i` of the team: its variant's clocks; slots 2–7 of each 20 owned by one of the 20 agents. */
function benchCase(tenantId: string, teamId: string, i: number, id: string): Case {
  const k = i % clockVariants;
  const clock = clocks.get(k) ?? clockCase(k);
  clocks.set(k, clock);
  const slot = i % 20;
  return {
    ...clock,
    id,
    tenantId,
    number: i + 1,
    subject: `Fråga om fakturan ${i + 1}`,
    contactId: `CONTACT-${i % 5_000}`,
    accountId: `ACCOUNT-${i % 5_000}`,
    teamId,
    ...(slot >= 2 && slot < 8 ? { ownerId: agents[Math.floor(i / 20) % agents.length] as string } : {}),
  };
}

/** A case's items as the case store writes them: the case, and its queue entries as `queueWrites` puts them. */
const itemsOf = (table: Table, c: Case): Record<string, unknown>[] => [
  caseItem(c),
  ...queueWrites(table, undefined, c).flatMap((w) => (w.Put ? [w.Put.Item as Record<string, unknown>] : [])),
];

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: LOCAL_DYNAMODB_REGION,
  credentials: LOCAL_DYNAMODB_CREDENTIALS,
});

/** A fresh table with the tenant and `count` cases of its one team; workers write up to 25 items at a time. */
export async function filledQueueTable(endpoint: string, count: number, concurrency: number) {
  const name = `bench-service-${count}-${randomUUID()}`;
  // Nothing reads its stream, and DynamoDB Local slows with every stream record it keeps (ADR 0035).
  await createLocalTable(new DynamoDBClient(clientConfig(endpoint)), name, { stream: false });
  const table = createTable(name, new DynamoDBClient(clientConfig(endpoint)));
  const tenant = benchTenant();
  await new DynamoTenantDirectory(table).save(tenant);
  const teamId = `GROUP-${randomUUID()}`;

  const started = performance.now();
  const ulid = monotonicFactory();
  let next = 0;
  let items = 0;
  const worker = async () => {
    while (next < count) {
      const batch: Record<string, unknown>[] = [];
      // At most three items a case (case, holder queue, due list): a batch stays within 25.
      while (batch.length <= 22 && next < count) {
        const i = next++;
        batch.push(...itemsOf(table, benchCase(tenant.id, teamId, i, ulid())));
      }
      items += batch.length;
      await batchWrite(table, batch);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;

  const { cases } = casesServices({ table, caseTimers: noTimers() });
  const admin: CaseActor = { tenantId: tenant.id, userId: 'bench-admin', roles: ['admin'], teamIds: [] };
  return { seconds, items, read: () => cases.teamQueue(admin, teamId, { limit: 25 }) };
}

/** Case timers that only count what they were asked to set. */
function noTimers(set: CaseTimerInput[] = []) {
  return {
    set: async (input: CaseTimerInput) => {
      set.push(input);
    },
    clear: async () => {},
  };
}

const address = { contact: 'karin@solrosen.example', mailbox: 'kundservice@norrsken.example' };

/** One customer mail as SES stores it: plain text, no attachments, CRLF lines. */
function rawMail(input: {
  messageId: string;
  subject: string;
  text: string;
  date: Date;
  inReplyTo?: string;
}): Uint8Array {
  const headers = [
    'From: Karin Lindqvist <karin@solrosen.example>',
    `To: Norrsken Kundservice <${address.mailbox}>`,
    `Subject: ${input.subject}`,
    `Date: ${input.date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${input.messageId}>`,
    ...(input.inReplyTo ? [`In-Reply-To: <${input.inReplyTo}>`, `References: <${input.inReplyTo}>`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${input.text.replace(/\n/g, '\r\n')}\r\n`, 'utf8');
}

const mailSamples = (all: number[], requests: number[]): MailSamples => ({
  count: all.length,
  mean: all.reduce((a, b) => a + b, 0) / all.length,
  p50: percentile(all, 50),
  p95: percentile(all, 95),
  requests: requests.reduce((a, b) => a + b, 0) / requests.length,
});

/**
 * `count` customer mails through `intake.mail` on a fresh table whose
 * tenant has a mailbox, a round-robin team of four agents (the default
 * team, so every new case gets an owner) and a contact with the sender's
 * address: each even mail opens a case, each odd one answers it with
 * `SV: … [#C-n]` and In-Reply-To. Attachments go to the local files bucket
 * when the runtime set one up; these mails carry none.
 */
export async function inboundMailBench(endpoint: string, count: number) {
  let requests = 0;
  const client = new DynamoDBClient(clientConfig(endpoint));
  client.middlewareStack.add(
    (next) => (args) => {
      requests += 1;
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  const name = `bench-service-mail-${randomUUID()}`;
  await createLocalTable(new DynamoDBClient(clientConfig(endpoint)), name, { stream: false });
  const table = createTable(name, client);
  const tenant = benchTenant();
  await new DynamoTenantDirectory(table).save(tenant);

  const ulid = monotonicFactory();
  const { users } = usersServices({ table, directory: new LocalUserDirectory({ next: () => ulid() }) });
  const admin = (
    await users.createFirstAdmin(
      { tenantId: tenant.id, userId: 'bench-setup' },
      { email: 'admin@norrsken.example', name: 'Ingrid Berg', roles: ['admin'] },
    )
  ).value;
  const actor = { tenantId: tenant.id, userId: admin.id, roles: ['admin'] };
  const members: string[] = [];
  for (const n of [1, 2, 3, 4])
    members.push(
      (
        await users.create(actor, {
          email: `service${n}@norrsken.example`,
          name: `Agent ${n}`,
          roles: ['service'],
        })
      ).value.id,
    );
  const team = (
    await settingsServices({ table }).settings.create(actor, 'user-group', {
      title: 'Kundservice',
      type: 'Standard',
      members,
    })
  ).value;
  const timersSet: CaseTimerInput[] = [];
  const service = casesServices({
    table,
    caseTimers: noTimers(timersSet),
    mailParser: new PostalMimeParser(),
    ...(process.env.ATTACHMENTS_BUCKET ? { objects: objectStoreFromEnvironment() } : {}),
  });
  const settings: ServiceSettings = {
    ...settingsSE,
    mailbox: { name: 'Norrsken Kundservice', address: address.mailbox },
    teams: [{ groupId: team.id, method: 'round-robin', capacityPerMember: 1_000, leadUserId: members[0] }],
    defaultTeamId: team.id,
  };
  await service.settings.replace(actor, 0, settings);
  const { accounts, contacts } = accountsServices({ table });
  const bakery = await accounts.create(actor, {
    name: 'Bageri Solrosen AB',
    customerType: 'B2B',
    email: 'info@solrosen.example',
  });
  await contacts.create(actor, {
    firstName: 'Karin',
    lastName: 'Lindqvist',
    email: address.contact,
    accountId: bakery.value.id,
  });

  const run = randomUUID();
  const samples = { opened: [] as number[], threaded: [] as number[] };
  const requestsOf = { opened: [] as number[], threaded: [] as number[] };
  let lastCase: { number: number; messageId: string } | undefined;
  const send = async (i: number, measure: boolean) => {
    const messageId = `bench-${run}-${i}@solrosen.example`;
    const date = new Date(Date.now() - 60_000);
    const raw = lastCase
      ? rawMail({
          messageId,
          subject: `SV: Fråga om fakturan ${i - 1} [#C-${lastCase.number}]`,
          text: `Hej!\n\nHär kommer mätarställningen: ${10_000 + i} kWh.\n\nMvh Karin`,
          date,
          inReplyTo: lastCase.messageId,
        })
      : rawMail({
          messageId,
          subject: `Fråga om fakturan ${i}`,
          text: `Hej!\n\nFakturan för februari är mycket högre än vanligt. Kan ni kontrollera den?\n\nMvh Karin Lindqvist\nBageri Solrosen AB`,
          date,
        });
    const before = requests;
    const started = performance.now();
    const outcome = await service.intake.mail(`inbound-mail/bench-${run}-${i}`, raw);
    const ms = performance.now() - started;
    const expected = lastCase ? 'threaded' : 'opened';
    if (outcome.outcome !== expected)
      throw new Error(`mail ${i} was ${JSON.stringify(outcome)}, not ${expected}`);
    if (measure) {
      samples[expected].push(ms);
      requestsOf[expected].push(requests - before);
    }
    lastCase = outcome.outcome === 'opened' ? { number: outcome.number, messageId } : undefined;
  };
  // Warm the paths (parser, tenant profile, connections, JIT) before measuring.
  for (let i = 0; i < 4; i++) await send(i, false);
  for (let i = 4; i < 4 + 2 * Math.ceil(count / 2); i++) await send(i, true);
  return {
    opened: mailSamples(samples.opened, requestsOf.opened),
    threaded: mailSamples(samples.threaded, requestsOf.threaded),
    timersSet: timersSet.length,
  };
}

export async function serviceBench(options: ServiceBenchOptions = {}): Promise<ServiceBenchResult> {
  const rounds = options.rounds ?? 2000;
  const small = options.small ?? 100;
  const large = options.large ?? 100_000;
  const mails = options.mails ?? 200;
  const concurrency = options.concurrency ?? 16;
  const endpoint = options.dynamoEndpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('no DynamoDB endpoint: start the local runtime or pass dynamoEndpoint');

  // Mail first: DynamoDB Local's transactions slow down several times over once
  // the instance has taken some 10⁴ items (deleting the tables does not undo it).
  const mail = await inboundMailBench(endpoint, mails);
  const few = await filledQueueTable(endpoint, small, concurrency);
  const many = await filledQueueTable(endpoint, large, concurrency);
  const contenders = { small: few.read, large: many.read };
  // Warm both tables' paths before measuring.
  await interleaved(Math.min(200, rounds), contenders);
  const measured = await interleaved(rounds, contenders);
  const queue = async (t: typeof few, all: number[]): Promise<QueueSamples> => ({
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    rows: (await t.read()).items.length,
    items: t.items,
  });
  return {
    rounds,
    small,
    large,
    concurrency,
    fillSeconds: { small: few.seconds, large: many.seconds },
    queue: { small: await queue(few, measured.small), large: await queue(many, measured.large) },
    mail,
  };
}

export function printServiceBench(r: ServiceBenchResult): void {
  const n = (count: number) => count.toLocaleString('en');
  console.log(
    `\nTeam queue view (one team, 30 % of cases owned by 20 agents, 10 % resolved or closed), ${n(r.small)} vs ${n(r.large)} cases, ${r.rounds} interleaved rounds, ms:`,
  );
  console.log(
    `  fill ${n(r.large)} cases    ${r.fillSeconds.large.toFixed(1)} s   (${n(r.queue.large.items)} items, ${(r.large / r.fillSeconds.large).toFixed(0)} cases/s, ${r.concurrency} BatchWriteItem requests in flight; ${n(r.small)} cases ${r.fillSeconds.small.toFixed(2)} s)`,
  );
  const row = (count: number, s: QueueSamples) =>
    `  first page ${n(count).padStart(7)} cases   p50 ${s.p50.toFixed(3)}   p95 ${s.p95.toFixed(3)}   (${s.rows} rows)`;
  console.log(row(r.small, r.queue.small));
  console.log(
    `${row(r.large, r.queue.large)}   ratio p50 ${(r.queue.large.p50 / r.queue.small.p50).toFixed(2)} (target ≤ 1.2)`,
  );
  const { opened, threaded } = r.mail;
  console.log(
    `\nInbound mail through intake.mail (known contact, round-robin team, no attachments), ${opened.count + threaded.count} messages, ms per message:`,
  );
  const mailRow = (label: string, s: MailSamples) =>
    `  ${label.padEnd(20)} mean ${s.mean.toFixed(2)}   p50 ${s.p50.toFixed(2)}   p95 ${s.p95.toFixed(2)}   (${s.count} messages, ${s.requests.toFixed(1)} DynamoDB requests each)`;
  console.log(mailRow('opens a case', opened));
  console.log(mailRow('threads into a case', threaded));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npx tsx bench/service.ts [cases] [mails]`: on a DynamoDB Local of its own.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  try {
    printServiceBench(
      await serviceBench({
        rounds: Number(process.env.BENCH_ROUNDS ?? 2000),
        large: Number(process.argv[2] ?? process.env.BENCH_SERVICE_CASES ?? 100_000),
        mails: Number(process.argv[3] ?? process.env.BENCH_INBOUND_MAILS ?? 200),
        dynamoEndpoint: dynamo.endpoint,
      }),
    );
  } finally {
    await dynamo.stop();
  }
}
