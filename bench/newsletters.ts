import { randomBytes, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { monotonicFactory } from 'ulid';
import { SesMailer } from '#adapters/messaging/ses-mailer';
import { sesSendRate } from '#adapters/messaging/ses-send-rate';
import { type ContactDraft, createContact } from '#domain/accounts/contact';
import type { Caller } from '#domain/caller';
import type { Mailer } from '#domain/messaging/mailer';
import type { NewsletterReview } from '#domain/newsletters/newsletter';
import type { PageQueue, PageToSend, UnsubscribeLinks } from '#domain/newsletters/newsletter-ports';
import type { Budget } from '#domain/newsletters/newsletter-sending';
import type { Exclusion } from '#domain/newsletters/recipient-review';
import type { NewsletterProgress } from '#domain/newsletters/send-record';
import { recipientsPerPage } from '#domain/newsletters/snapshot';
import { readUnsubscribeToken, signUnsubscribeToken } from '#domain/newsletters/unsubscribe-token';
import { accountsServices } from '#runtime/accounts-services';
import { unsubscribeLinkDays } from '#runtime/environment/unsubscribe-links';
import { newsletterSending, sesPace } from '#runtime/newsletter-sending-services';
import { newsletterService } from '#runtime/newsletters-services';
import { settingsServices } from '#runtime/settings-services';
import { contactItem } from '#table/accounts/contact-store';
import { contactEntity } from '#table/accounts/entities';
import { queryAll } from '#table/core/query-all';
import { createTable } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { newsletterEntity } from '#table/newsletters/entities';
import { createLocalTable } from '../lib/local/create-table';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  LOCAL_DYNAMODB_REGION,
  startDynamoDbLocal,
} from '../lib/local/dynamodb-local';
import { type SesLocalStore, startSesLocal } from '../lib/local/ses-local';
import { fillTable } from './batch-write';
import { benchTenant } from './bench-tenant';

/**
 * A newsletter to 10 000 recipients against the local SES (R-NL-2, R-PL-3):
 * contacts with a keyword and consent written with BatchWriteItem as the
 * contact store lays them out (a few made through the contact service must
 * match that layout; the e-mail lookups the store writes beside a contact
 * are read by no part of a send, so the bench writes none), a few hundred
 * more the review leaves out or the filter does not find; the newsletter created, reviewed (timed) and
 * started through `NewsletterService`, then sent by `NewsletterSending` as
 * the sender function would: fanned out into pages on an in-memory queue
 * and each page sent in turn (the local queue is serial too), paced to the
 * configured rate — the account's SES rate (`GetAccount`) capped, as
 * `NEWSLETTER_MAX_SEND_RATE` caps it — with real signed unsubscribe links.
 *
 * The duplicate guards are exercised on the way: every delivery that
 * finishes its page is delivered again at once (SQS delivers at least once)
 * and must send nothing; every `interruptEvery`-th page's first delivery
 * runs out of time halfway (its budget says the invocation is about to
 * end), so the sender queues the page again itself, and its later delivery
 * must mail only the half not yet mailed, stopped by the send records.
 *
 * Measured: sends per second against the rate (target ≥ 0.9), duplicates
 * in the local SES's store (target 0), the send records and the
 * newsletter's progress against the recipients.
 */
export interface NewsletterBenchOptions {
  /** Contacts with the keyword, consent and an address: the newsletter's recipients. */
  readonly recipients?: number;
  /** The configured send rate, mails a second (capped by the local SES account's 100). */
  readonly rate?: number;
  /** Contacts the review leaves out (no consent, no address, paper) or the filter does not find (no keyword). */
  readonly others?: number;
  /** Every this many pages, the first delivery runs out of time halfway; 0: none. */
  readonly interruptEvery?: number;
  /** Default: `AWS_ENDPOINT_URL_DYNAMODB`, as the local runtime sets it. */
  readonly dynamoEndpoint?: string;
  /** Default: `AWS_ENDPOINT_URL_SESV2`, as the local runtime sets it. */
  readonly sesEndpoint?: string;
  /** BatchWriteItem requests in flight while filling. */
  readonly concurrency?: number;
}

export interface NewsletterBenchResult {
  readonly recipients: number;
  /** The rate the sender paced to: the configured one, or the account's when lower. */
  readonly rate: number;
  /** Contacts in the tenant: the recipients and the others. */
  readonly contacts: number;
  /** Of them, those made through the contact service (the rest with BatchWriteItem). */
  readonly throughService: number;
  readonly fillSeconds: number;
  readonly review: {
    readonly seconds: number;
    readonly matched: number;
    readonly recipients: number;
    readonly pages: number;
    readonly leftOut: Readonly<Record<Exclusion, number>>;
  };
  readonly send: {
    /** From `send()` to the newsletter marked sent. */
    readonly seconds: number;
    /** Mails SES took in that time. */
    readonly mails: number;
    readonly perSecond: number;
    /** `perSecond` over `rate` (target ≥ 0.9). */
    readonly ratio: number;
    /** Page deliveries: first ones, redeliveries, and those of pages the sender queued again. */
    readonly deliveries: number;
    /** Mails sent by the redeliveries of finished pages (must be 0). */
    readonly redeliveryMails: number;
    /**
     * Pages whose first delivery ran out of time halfway, their recipients,
     * what their later delivery mailed, and how many it found claimed.
     */
    readonly interrupted: {
      readonly pages: number;
      readonly recipients: number;
      readonly resumedMails: number;
      readonly claimed: number;
    };
    /** Pages SES kept throttling, queued again with a delay. */
    readonly throttledPages: number;
    /** DynamoDB requests per recipient over the send, by command. */
    readonly requestsPerRecipient: Readonly<Record<string, number>>;
    /** Mean milliseconds of a DynamoDB request over the send, by command. */
    readonly msPerRequest: Readonly<Record<string, number>>;
    /**
     * Where the send's time went, in milliseconds per recipient: DynamoDB
     * requests, SES calls, waiting for the pace, and the rest (rendering,
     * signing links, the event loop).
     */
    readonly msPerRecipient: {
      readonly total: number;
      readonly dynamo: number;
      readonly ses: number;
      readonly pace: number;
      readonly rest: number;
    };
  };
  /** Mails with the newsletter's subject in the local SES's store, and to how many distinct addresses. */
  readonly store: { readonly mails: number; readonly distinct: number; readonly duplicates: number };
  /** Send records in DynamoDB, all of them `sent`. */
  readonly records: { readonly total: number; readonly sent: number };
  readonly progress: NewsletterProgress;
  readonly status: string;
  readonly totalSeconds: number;
}

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: LOCAL_DYNAMODB_REGION,
  credentials: LOCAL_DYNAMODB_CREDENTIALS,
});

/** Requests sent by a client, and the milliseconds they took, by command. */
type Requests = Map<string, { count: number; ms: number }>;

/** A client that counts the commands it sends, by name, and times them. */
function countingClient(endpoint: string, requests: Requests): DynamoDBClient {
  const client = new DynamoDBClient(clientConfig(endpoint));
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName as string).replace(/Command$/, '');
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        const seen = requests.get(name) ?? { count: 0, ms: 0 };
        requests.set(name, { count: seen.count + 1, ms: seen.ms + performance.now() - started });
      }
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return client;
}

/** What DynamoDB is sent for an item: undefined attributes left out, as the table's client does. */
const wire = (item: Record<string, unknown>) => marshall(item, { removeUndefinedValues: true });

/** The other contacts, by what the review makes of them: `i % 4` picks the kind. */
const otherKinds = ['no-consent', 'no-email', 'paper-preference', 'no-keyword'] as const;

const firstNames = [
  'Anna',
  'Bertil',
  'Cecilia',
  'David',
  'Eva',
  'Fredrik',
  'Greta',
  'Hugo',
  'Ingrid',
  'Johan',
];
const lastNames = [
  'Lindqvist',
  'Berg',
  'Holm',
  'Nyström',
  'Ek',
  'Sandberg',
  'Åberg',
  'Lund',
  'Strand',
  'Wik',
];

const body = `<h1>Vinterns energitips</h1>
<p>Hej! Nu när det blir kallare ute stiger elförbrukningen. Här är fem sätt att <strong>spara el</strong> i vinter:</p>
<ol>
<li>Sänk inomhustemperaturen en grad: det sparar omkring fem procent av uppvärmningen.</li>
<li>Täta fönster och dörrar innan den första kylan kommer.</li>
<li>Kör disk- och tvättmaskin fulla, och gärna när elpriset är lågt.</li>
<li>Byt till LED-belysning i de rum där lamporna lyser längst.</li>
<li>Följ din förbrukning timme för timme i appen.</li>
</ol>
<p>Har du frågor om ditt avtal? Svara på det här brevet eller ring kundservice på 010-123 45 00.</p>
<p>Varma hälsningar,<br>Norrsken Energi</p>`;

export async function newsletterBench(options: NewsletterBenchOptions = {}): Promise<NewsletterBenchResult> {
  const started = performance.now();
  const recipients = options.recipients ?? 10_000;
  const others = options.others ?? 300;
  const interruptEvery = options.interruptEvery ?? 10;
  const concurrency = options.concurrency ?? 16;
  const dynamoEndpoint = options.dynamoEndpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const sesEndpoint = options.sesEndpoint ?? process.env.AWS_ENDPOINT_URL_SESV2;
  if (!dynamoEndpoint)
    throw new Error('no DynamoDB endpoint: start the local runtime or pass dynamoEndpoint');
  if (!sesEndpoint) throw new Error('no SES endpoint: start the local runtime or pass sesEndpoint');
  const handful = Math.min(5, recipients);

  // A fresh table and a tenant whose e-mail sender is a verified identity.
  const requests: Requests = new Map();
  const name = `bench-newsletters-${randomUUID()}`;
  await createLocalTable(new DynamoDBClient(clientConfig(dynamoEndpoint)), name);
  const table = createTable(name, countingClient(dynamoEndpoint, requests));
  const tenant = benchTenant();
  await new DynamoTenantDirectory(table).save(tenant);
  const admin: Caller = { tenantId: tenant.id, userId: 'bench-admin', roles: ['admin'] };
  const keywordId = (
    await settingsServices({ table }).settings.create(admin, 'keyword', { title: 'Vinterbrev' })
  ).value.id;
  /** This run's own addresses and subject: the local SES may be shared. */
  const run = randomBytes(4).toString('hex');
  const address = (kind: string, i: number) => `${kind}${i}.${run}@kunder.example`;
  const person = (i: number) => ({
    firstName: firstNames[i % firstNames.length] as string,
    lastName: `${lastNames[Math.floor(i / firstNames.length) % lastNames.length]} ${i}`,
  });

  // A few recipients through the contact service: the bench's items must be laid out as it lays them out.
  const contacts = accountsServices({ table }).contacts;
  for (let i = 0; i < handful; i++) {
    const created = (
      await contacts.create(admin, {
        ...person(i),
        email: address('kund', i),
        keywords: [keywordId],
        newsletterConsent: true,
      })
    ).value;
    const { Item } = await table.client.send(
      new GetCommand({
        TableName: table.name,
        Key: contactEntity.key({ tenantId: tenant.id, contactId: created.id }),
      }),
    );
    if (!Item || !isDeepStrictEqual(wire(Item), wire(contactItem(created))))
      throw new Error(
        'the bench lays out contacts otherwise than the contact store: update bench/newsletters.ts',
      );
  }

  // The rest with BatchWriteItem: the recipients, then the others.
  const fillStarted = performance.now();
  const ids = monotonicFactory();
  const ctx = { tenant, userId: admin.userId, now: new Date() };
  const drafts: ContactDraft[] = [];
  for (let i = handful; i < recipients; i++)
    drafts.push({ ...person(i), email: address('kund', i), keywords: [keywordId], newsletterConsent: true });
  const expected = {
    matched: recipients,
    leftOut: { 'no-consent': 0, 'no-email': 0, suppressed: 0, 'paper-preference': 0 },
  };
  for (let i = 0; i < others; i++) {
    const kind = otherKinds[i % otherKinds.length] as (typeof otherKinds)[number];
    drafts.push({
      ...person(recipients + i),
      ...(kind === 'no-email' ? {} : { email: address('annan', i) }),
      keywords: kind === 'no-keyword' ? [] : [keywordId],
      newsletterConsent: kind !== 'no-consent',
      ...(kind === 'paper-preference' ? { preferredChannel: 'paper' as const } : {}),
    });
    if (kind !== 'no-keyword') {
      expected.matched += 1;
      expected.leftOut[kind] += 1;
    }
  }
  const items = drafts.map((draft) => contactItem(createContact(ids(), draft, ctx)));
  await fillTable(table, items, concurrency);
  const fillSeconds = (performance.now() - fillStarted) / 1000;

  // SES at the local server, counting the mails it took; links signed as the environment's are.
  const ses = new SESv2Client(clientConfig(sesEndpoint));
  const mailer = new SesMailer(ses);
  let mails = 0;
  let sesMs = 0;
  const counting: Mailer = {
    async send(email) {
      const started = performance.now();
      try {
        const sent = await mailer.send(email);
        mails += 1;
        return sent;
      } finally {
        sesMs += performance.now() - started;
      }
    },
  };
  const signingKey = randomBytes(32);
  const unsubscribeBase = 'http://127.0.0.1:1/v1/unsubscribe';
  const links: UnsubscribeLinks = {
    async url(tenantId, newsletterId, contactId) {
      const expiresAt = new Date(Date.now() + unsubscribeLinkDays * 24 * 3600 * 1000);
      return `${unsubscribeBase}/${signUnsubscribeToken(signingKey, { tenantId, newsletterId, contactId, expiresAt })}`;
    },
  };
  const service = newsletterService({
    table,
    mailer: counting,
    links,
    starts: {
      schedule: async () => {
        throw new Error('the bench sends now: nothing is scheduled');
      },
      cancel: async () => {},
    },
  });

  // Compose and review: the review resolves the filter over every contact and writes the snapshot.
  const subject = `Vinterns energitips ${run}`;
  const draft = (
    await service.create(admin, {
      senderName: 'Norrsken Energi',
      senderAddress: 'nyhetsbrev@norrsken.example',
      subject,
      subheading: 'Fem sätt att spara el i vinter',
      body,
      filter: { match: 'all', keywordIds: [keywordId] },
    })
  ).value;
  const reviewStarted = performance.now();
  const reviewed = await service.review(admin, draft.id);
  const reviewSeconds = (performance.now() - reviewStarted) / 1000;
  const review = reviewed.review as NewsletterReview;
  if (
    review.recipients !== recipients ||
    review.matched !== expected.matched ||
    !isDeepStrictEqual(review.leftOut, expected.leftOut)
  )
    throw new Error(
      `the review found ${JSON.stringify({ matched: review.matched, recipients: review.recipients, leftOut: review.leftOut })}, not ${JSON.stringify({ ...expected, recipients })}`,
    );

  // The sender on an in-memory queue, paced to the account's rate capped at the configured one.
  const queued: { readonly message: PageToSend; readonly delaySeconds?: number }[] = [];
  const queue: PageQueue = {
    async enqueue(pages, delaySeconds) {
      for (const message of pages) queued.push({ message, ...(delaySeconds ? { delaySeconds } : {}) });
    },
  };
  const rate = await sesSendRate(ses, options.rate ?? 50)();
  const problems: string[] = [];
  const paced = sesPace(async () => rate, 1);
  let paceMs = 0;
  const sending = newsletterSending({
    table,
    mailer: counting,
    links,
    queue,
    pace: async () => {
      const started = performance.now();
      await paced();
      paceMs += performance.now() - started;
    },
    log: {
      warn: (message, details) => problems.push(`${message} ${JSON.stringify(details)}`),
      error: (message, details) => problems.push(`${message} ${JSON.stringify(details)}`),
    },
  });
  /** A Lambda's 15 minutes; or, for an interrupted delivery, none left once half its page is mailed. */
  const budget = (cutAfter?: number): Budget => {
    const from = mails;
    return {
      remaining: () => (cutAfter !== undefined && mails - from >= cutAfter ? 0 : 900_000),
    };
  };

  requests.clear();
  const sendStarted = performance.now();
  const startedMails = mails;
  sesMs = 0;
  await service.send(admin, draft.id);
  await sending.fanOut(tenant.id, draft.id);
  /** Each interrupted page's first delivery stops once half its recipients are mailed. */
  const half = Math.ceil(recipientsPerPage / 2);
  const toInterrupt = new Set<string>();
  let interruptedRecipients = 0;
  queued.forEach((q, i) => {
    const size = Math.min(recipientsPerPage, recipients - i * recipientsPerPage);
    if (interruptEvery > 0 && i % interruptEvery === interruptEvery - 1 && size > half) {
      toInterrupt.add(q.message.first);
      interruptedRecipients += size;
    }
  });
  const interruptedPages = toInterrupt.size;
  const resumed = new Set<string>();
  let deliveries = 0;
  let redeliveryMails = 0;
  let resumedMails = 0;
  let throttledPages = 0;
  for (let taken = queued.shift(); taken; taken = queued.shift()) {
    const { message } = taken;
    const interrupt = toInterrupt.delete(message.first);
    const isResumed = resumed.delete(message.first);
    const before = { mails, queued: queued.length };
    deliveries += 1;
    await sending.sendPage(message, budget(interrupt ? half : undefined));
    if (isResumed) resumedMails += mails - before.mails;
    const again = queued.slice(before.queued).find((q) => q.message.first === message.first);
    if (again) {
      // The sender queued the page again itself: out of time, or SES kept throttling (delivered in its turn, without the delay).
      if (again.delaySeconds) throttledPages += 1;
      else resumed.add(message.first);
      continue;
    }
    // SQS delivers at least once: the same message again, after its page is done.
    const beforeRedelivery = mails;
    deliveries += 1;
    await sending.sendPage(message, budget());
    redeliveryMails += mails - beforeRedelivery;
  }
  const view = await service.view(admin, draft.id);
  const sendSeconds = (performance.now() - sendStarted) / 1000;
  const sentMails = mails - startedMails;
  const byCommand = [...requests].sort((a, b) => b[1].count - a[1].count);
  const requestsPerRecipient = Object.fromEntries(byCommand.map(([c, r]) => [c, r.count / recipients]));
  const dynamoMs = byCommand.reduce((sum, [, r]) => sum + r.ms, 0);
  const perRecipient = (ms: number) => ms / recipients;

  // What arrived: the local SES's store, the send records and the progress.
  const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as SesLocalStore;
  const ours = store.emails.filter((m) => m.subject === subject);
  const byAddress = new Map<string, string>();
  for (const mail of ours) {
    const to = mail.destination.to[0] ?? '';
    const link = mail.headers?.find((h) => h.name === 'List-Unsubscribe')?.value.replace(/^<|>$/g, '') ?? '';
    const token = link.startsWith(`${unsubscribeBase}/`) ? link.slice(unsubscribeBase.length + 1) : '';
    const read = readUnsubscribeToken(signingKey, token, new Date());
    if (!read.ok || read.claims.newsletterId !== draft.id || read.claims.tenantId !== tenant.id)
      throw new Error(`the mail to ${to} has no valid unsubscribe link of this newsletter`);
    byAddress.set(to, read.claims.contactId);
  }
  const records = await queryAll(
    table,
    {
      partition: newsletterEntity.key({ tenantId: tenant.id, newsletterId: draft.id }).pk,
      sortKey: { op: 'begins_with', value: 'SEND#' },
    },
    { ProjectionExpression: '#state', ExpressionAttributeNames: { '#state': 'state' } },
  );
  const duplicates = ours.length - byAddress.size;
  const result: NewsletterBenchResult = {
    recipients,
    rate,
    contacts: recipients + others,
    throughService: handful,
    fillSeconds,
    review: {
      seconds: reviewSeconds,
      matched: review.matched,
      recipients: review.recipients,
      pages: review.pages,
      leftOut: review.leftOut,
    },
    send: {
      seconds: sendSeconds,
      mails: sentMails,
      perSecond: sentMails / sendSeconds,
      ratio: sentMails / sendSeconds / rate,
      deliveries,
      redeliveryMails,
      interrupted: {
        pages: interruptedPages,
        recipients: interruptedRecipients,
        resumedMails,
        claimed: interruptedRecipients - resumedMails,
      },
      throttledPages,
      requestsPerRecipient,
      msPerRecipient: {
        total: perRecipient(sendSeconds * 1000),
        dynamo: perRecipient(dynamoMs),
        ses: perRecipient(sesMs),
        pace: perRecipient(paceMs),
        rest: perRecipient(sendSeconds * 1000 - dynamoMs - sesMs - paceMs),
      },
      msPerRequest: Object.fromEntries(byCommand.map(([c, r]) => [c, r.ms / r.count])),
    },
    store: { mails: ours.length, distinct: byAddress.size, duplicates },
    records: { total: records.length, sent: records.filter((r) => r.state === 'sent').length },
    progress: view.progress,
    status: view.status,
    totalSeconds: (performance.now() - started) / 1000,
  };

  const failures = [
    ...(duplicates > 0 ? [`${duplicates} duplicate mails`] : []),
    ...(byAddress.size !== recipients ? [`${byAddress.size} of ${recipients} recipients mailed`] : []),
    ...(view.progress.sent !== recipients
      ? [`progress says ${view.progress.sent} of ${recipients} sent`]
      : []),
    ...(view.status !== 'sent' ? [`the newsletter is ${view.status}, not sent`] : []),
    ...(result.records.sent !== recipients || result.records.total !== recipients
      ? [`${result.records.total} send records (${result.records.sent} sent) for ${recipients} recipients`]
      : []),
    ...(redeliveryMails > 0 ? [`redeliveries of finished pages mailed ${redeliveryMails}`] : []),
    ...(problems.length > 0 ? [`the sender logged: ${problems.slice(0, 3).join('; ')}`] : []),
  ];
  if (failures.length > 0) {
    printNewsletterBench(result);
    throw new Error(`newsletter bench: ${failures.join('; ')}`);
  }
  return result;
}

export function printNewsletterBench(r: NewsletterBenchResult): void {
  const n = (count: number) => count.toLocaleString('en');
  const s = r.send;
  console.log(
    `\nNewsletter to ${n(r.recipients)} recipients against the local SES at ${r.rate}/s (NewsletterSending, pages of 50 sent in turn, each delivered twice):`,
  );
  console.log(
    `  fill               ${r.fillSeconds.toFixed(1)} s   (${n(r.contacts - r.throughService)} contacts with BatchWriteItem, ${r.throughService} through the contact service)`,
  );
  const left = Object.entries(r.review.leftOut)
    .map(([reason, count]) => `${count} ${reason}`)
    .join(', ');
  console.log(
    `  review             ${r.review.seconds.toFixed(2)} s   (${n(r.review.matched)} matched, ${n(r.review.recipients)} in ${r.review.pages} pages; left out ${left})`,
  );
  console.log(
    `  send               ${s.seconds.toFixed(1)} s   ${s.perSecond.toFixed(1)} mails/s   ratio to rate ${s.ratio.toFixed(3)} (target ≥ 0.9)`,
  );
  console.log(
    `  duplicates         ${r.store.duplicates} (target 0)   (${n(r.store.mails)} mails to ${n(r.store.distinct)} addresses in the SES store; ${n(r.records.sent)} send records sent; progress sent ${n(r.progress.sent)}, failed ${r.progress.failed}, skipped ${r.progress.skipped}; ${r.status})`,
  );
  console.log(
    `  deliveries         ${n(s.deliveries)}   (redeliveries of finished pages mailed ${s.redeliveryMails}; ${s.interrupted.pages} pages ran out of time halfway, their later delivery mailed ${n(s.interrupted.resumedMails)} of ${n(s.interrupted.recipients)}, finding ${n(s.interrupted.claimed)} claimed; ${s.throttledPages} pages throttled)`,
  );
  const requests = Object.entries(s.requestsPerRecipient)
    .map(([command, per]) => `${per.toFixed(2)} ${command}`)
    .join(', ');
  console.log(`  DynamoDB requests per recipient   ${requests}`);
  const t = s.msPerRecipient;
  const latency = Object.entries(s.msPerRequest)
    .map(([command, ms]) => `${command} ${ms.toFixed(2)}`)
    .join(', ');
  console.log(
    `  ms per recipient   ${t.total.toFixed(2)} = DynamoDB ${t.dynamo.toFixed(2)} + SES ${t.ses.toFixed(2)} + pace wait ${t.pace.toFixed(2)} + rest ${t.rest.toFixed(2)}   (ms per request: ${latency})`,
  );
  console.log(`  total              ${r.totalSeconds.toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npx tsx bench/newsletters.ts [recipients] [rate]`: on a DynamoDB Local and a local SES of its own.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  try {
    const ses = await startSesLocal();
    try {
      printNewsletterBench(
        await newsletterBench({
          recipients: Number(process.argv[2] ?? process.env.BENCH_NEWSLETTER_RECIPIENTS ?? 10_000),
          rate: Number(process.argv[3] ?? process.env.BENCH_NEWSLETTER_RATE ?? 50),
          dynamoEndpoint: dynamo.endpoint,
          sesEndpoint: ses.endpoint,
        }),
      );
    } finally {
      await ses.stop();
    }
  } finally {
    await dynamo.stop();
  }
}
