import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { localSmsRecorder, recordedSmsResponse } from '#adapters/messaging/recording-sms-sender';
import { SesMailer } from '#adapters/messaging/ses-mailer';
import { withCurrentCorrelationId } from '#adapters/observability/correlation';
import { objectStoreFromEnvironment } from '#adapters/storage/s3-object-store';
import { activitiesServices } from '#runtime/activities-services';
import { metricsNamespace } from '#runtime/business-metrics';
import { registerLocalActivityScheduler } from '#runtime/environment/local-activity-scheduler';
import { localCaseTimers, registerLocalCaseTimers } from '#runtime/environment/local-case-timers';
import {
  localNewsletterDelivery,
  registerLocalNewsletterDelivery,
} from '#runtime/environment/local-newsletter-delivery';
import { environmentUnsubscribeLinks } from '#runtime/environment/unsubscribe-links';
import { newsletterService } from '#runtime/newsletters-services';
import { createTable } from '#table/core/table';
import { topology as defaultTopology } from '../topology';
import {
  bolagsverketClientSecret,
  metaAppSecret,
  metaVerifyToken,
  secretEnvironmentName,
  signiApiKeySecret,
  type Topology,
  unsubscribeSigningKeySecret,
} from '../topology-types';
import { LocalApiGateway } from './api-gateway';
import { createLocalTable } from './create-table';
import { LOCAL_DYNAMODB_CREDENTIALS, LOCAL_DYNAMODB_REGION, startDynamoDbLocal } from './dynamodb-local';
import { LocalFixedSchedules } from './fixed-schedules';
import { type HandlerWrapper, LocalFunctions } from './functions';
import { LocalIdentityProvider } from './identity';
import { LocalEventBus } from './local-event-bus';
import { LocalFailures } from './local-failures';
import { LocalQueue } from './local-queue';
import { LocalScheduler } from './local-scheduler';
import { LocalMailReceipt } from './mail-receipt';
import { operationsSnapshot } from './operations-snapshot';
import { operatorPage } from './operator-page';
import type { LocalService } from './processes';
import { type RegistersLocal, startRegistersLocal } from './registers-local';
import { LOCAL_ATTACHMENTS_BUCKET, startS3Local } from './s3-local';
import { startLocalSecretsManager } from './secrets-manager';
import { type DemoTenant, demoTenants, seedDemoData } from './seed';
import { seedDemoCampaigns } from './seed-campaigns';
import { seedDemoCommissionRules } from './seed-commissions';
import { seedDemoContracts } from './seed-contracts';
import { seedDemoExportSpecs } from './seed-exports';
import { seedDemoTechnicians, seedDemoWorkOrders } from './seed-field-service';
import { seedDemoNewsletters } from './seed-newsletters';
import { seedDemoOffers } from './seed-offers';
import { type DemoLeadSource, seedDemoSales } from './seed-sales';
import { seedDemoCases, seedDemoServiceSetup } from './seed-service';
import { seedDemoUsers } from './seed-users';
import { sesEventInjection } from './ses-events';
import { startSesLocal } from './ses-local';
import { type SigniLocal, startSigniLocal } from './signi-local';
import { LOCAL_STACK_NAME, LocalSqs } from './sqs-local';
import { StreamPoller } from './stream-poller';

/** The local Secrets Manager's names of the Signi workspace key and the Meta app's secrets. */
const LOCAL_SIGNI_SECRET = 'gridline-local/signi-api-key';
const LOCAL_META_APP_SECRET = 'gridline-local/meta-app-secret';
const LOCAL_META_VERIFY_TOKEN = 'gridline-local/meta-verify-token';
const LOCAL_UNSUBSCRIBE_KEY = 'gridline-local/unsubscribe-signing-key';
const LOCAL_BOLAGSVERKET_CLIENT = 'gridline-local/bolagsverket-client';

export interface LocalRuntimeOptions {
  readonly projectRoot: string;
  /** Where the signing key lives; `.local/` under the project by default. */
  readonly stateDir?: string;
  /** Use these instead of starting our own (tests share one per run). */
  readonly dynamoEndpoint?: string;
  readonly sesEndpoint?: string;
  readonly s3Endpoint?: string;
  readonly tableName?: string;
  /**
   * The region every client of the runtime uses; `local` by default.
   * DynamoDB Local keeps one database per access key and region, so a test
   * runtime with a region of its own does not wade through the stream
   * records every earlier test left in the shared one (ADR 0035).
   */
  readonly region?: string;
  readonly apiPort?: number;
  /** Multiplies queue visibility timeouts: tests use a small factor instead of waiting. */
  readonly queueTimeScale?: number;
  readonly wrapHandler?: HandlerWrapper;
  readonly seed?: boolean;
  readonly topology?: Topology;
  /** Fire scheduled activities on the wall clock (`npm start`); tests advance the clock instead. */
  readonly realTimeScheduler?: boolean;
  /** Seed a signed and a sent contract per demo tenant, through the running pipeline and the local Signi. */
  readonly demoContracts?: boolean;
}

export interface RuntimeTenant {
  readonly id: string;
  readonly name: string;
  readonly adminToken: string;
  /** The first demo technician's: what their phone sends for `GET /v1/me/appointments`. */
  readonly technicianToken?: string;
}

export interface LocalRuntime {
  readonly apiUrl: string;
  readonly docsUrl: string;
  readonly mailboxUrl: string;
  /** Text messages the local SMS stand-in has "sent". */
  readonly smsUrl: string;
  /** The local Signi: documents sent for signing, to sign, reject or let expire. */
  readonly signiUrl: string;
  /** The same, for tests: `decide(externalId, result)` is what a signer does on its page. */
  readonly signi: SigniLocal;
  /** The company registers' stand-in (RPO and Bolagsverket), answering with `events/registers/`. */
  readonly registersUrl: string;
  readonly registers: RegistersLocal;
  /** Where a raw RFC 5322 message is POSTed to arrive as SES receipt would deliver it. */
  readonly inboundMailUrl: string;
  /** The operator page: queues, dead letters, recent failures, functions, business metrics, scheduled jobs. */
  readonly operationsUrl: string;
  /** Where an SES event (bounce, complaint, delivery, open, click) is POSTed, as SES would publish it. */
  readonly sesEventsUrl: string;
  /** The social platform's app secret (signs webhooks) and verify token, as the local Secrets Manager holds them. */
  readonly social: { readonly appSecret: string; readonly verifyToken: string };
  readonly tableName: string;
  /** DynamoDB Local's endpoint, for operations tooling that works on the table. */
  readonly dynamoEndpoint: string;
  readonly tenants: readonly RuntimeTenant[];
  /** The demo lead sources with their signing secrets (shown once, when made). */
  readonly leadSources: readonly DemoLeadSource[];
  readonly identity: LocalIdentityProvider;
  readonly queues: ReadonlyMap<string, LocalQueue>;
  /** SQS's API over the queues (`gridline-local-<queue>` and its `-dlq`), for operations tooling. */
  readonly sqsEndpoint: string;
  readonly demoTenants: readonly DemoTenant[];
  /** EventBridge Scheduler's stand-in: `advanceTo(date)` fires what is due by then. */
  readonly scheduler: LocalScheduler;
  /** The topology's fixed schedules: `run(name, { day })` fires one now. */
  readonly schedules: LocalFixedSchedules;
  /** Resolves when every event written so far has been relayed and consumed. */
  settled(): Promise<void>;
  /**
   * Holds the outbox stream, so no consumer runs on the runtime's one event
   * loop (as none runs in an API function's container in AWS): for measuring
   * the API alone. Resolves once held, to the function that lets it go on;
   * `settled` waits until then.
   */
  holdStream(): Promise<() => void>;
  stop(): Promise<void>;
}

/**
 * The whole system on a laptop, realised from the same topology as the CDK
 * stack: DynamoDB Local with the stack's table, local SES, S3, Secrets
 * Manager and Signi, the HTTP API, the outbox stream → bus → queues →
 * consumers pipeline, and demo data.
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const topology = options.topology ?? defaultTopology;
  const owned: LocalService[] = [];
  const dynamoEndpoint = options.dynamoEndpoint ?? (await own(owned, startDynamoDbLocal())).endpoint;
  const sesEndpoint = options.sesEndpoint ?? (await own(owned, startSesLocal())).endpoint;
  const s3Endpoint = options.s3Endpoint ?? (await own(owned, startS3Local())).endpoint;
  const secretsEndpoint = (await own(owned, startLocalSecretsManager())).endpoint;
  const signiApiKey = randomBytes(24).toString('hex');
  const social = { appSecret: randomBytes(24).toString('hex'), verifyToken: randomBytes(12).toString('hex') };
  const signi = await own(owned, startSigniLocal({ apiKey: signiApiKey }));
  const bolagsverketClient = { clientId: 'gridline-local', clientSecret: randomBytes(24).toString('hex') };
  const registers = await own(
    owned,
    startRegistersLocal({
      recordingsDir: path.join(options.projectRoot, 'events', 'registers'),
      bolagsverketClient,
    }),
  );
  const tableName = options.tableName ?? 'gridline-local';

  const queues = new Map<string, LocalQueue>();
  const bus = new LocalEventBus(topology.rules, queues);
  const busEndpoint = await bus.listen();

  // The handlers' AWS SDK clients find the local services through the SDK's own endpoint settings.
  Object.assign(process.env, {
    AWS_REGION: options.region ?? LOCAL_DYNAMODB_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_DYNAMODB_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_DYNAMODB_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: busEndpoint,
    AWS_ENDPOINT_URL_SESV2: sesEndpoint,
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsEndpoint,
    LEAD_SOURCE_SECRET_PREFIX: 'gridline-local/lead-sources/',
    SIGNI_API_URL: signi.endpoint,
    RPO_API_URL: registers.endpoint,
    BOLAGSVERKET_API_URL: registers.endpoint,
    BOLAGSVERKET_TOKEN_URL: `${registers.endpoint}/oauth2/token`,
    [secretEnvironmentName(bolagsverketClientSecret)]: LOCAL_BOLAGSVERKET_CLIENT,
    [secretEnvironmentName(signiApiKeySecret)]: LOCAL_SIGNI_SECRET,
    [secretEnvironmentName(metaAppSecret)]: LOCAL_META_APP_SECRET,
    [secretEnvironmentName(metaVerifyToken)]: LOCAL_META_VERIFY_TOKEN,
    [secretEnvironmentName(unsubscribeSigningKeySecret)]: LOCAL_UNSUBSCRIBE_KEY,
    S3_FORCE_PATH_STYLE: 'true',
    ATTACHMENTS_BUCKET: LOCAL_ATTACHMENTS_BUCKET,
    TABLE_NAME: tableName,
    EVENT_BUS_NAME: 'gridline-local',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // CloudWatch reads metrics from the log lines; locally they would only bury the logs. The operator
    // page counts the same business metrics from the bus.
    POWERTOOLS_METRICS_NAMESPACE: metricsNamespace(LOCAL_STACK_NAME),
    POWERTOOLS_METRICS_DISABLED: 'true',
    // The local adapters: demo addresses only, users without Cognito, SMS kept in memory.
    GEOCODER: 'local',
    USER_DIRECTORY: 'local',
    ACTIVITY_SCHEDULER: 'local',
    CASE_TIMERS: 'local',
    SMS_SENDER: 'local',
    NEWSLETTER_DELIVERY: 'local',
  });

  await createLocalTable(new DynamoDBClient({}), tableName);
  // The Signi key where the e-signature adapter reads it, as in AWS.
  const secrets = new SecretsManagerClient({});
  for (const [Name, SecretString] of [
    [LOCAL_SIGNI_SECRET, signiApiKey],
    [LOCAL_META_APP_SECRET, social.appSecret],
    [LOCAL_META_VERIFY_TOKEN, social.verifyToken],
    [LOCAL_UNSUBSCRIBE_KEY, randomBytes(32).toString('hex')],
    [LOCAL_BOLAGSVERKET_CLIENT, JSON.stringify(bolagsverketClient)],
  ] as const) {
    await secrets.send(new CreateSecretCommand({ Name, SecretString }));
  }

  const failures = new LocalFailures();
  const functions = new LocalFunctions(options.projectRoot, options.wrapHandler, failures);
  for (const queue of topology.queues) {
    const consumer = topology.functions.find(
      (f) => f.trigger.kind === 'queue' && f.trigger.queue === queue.name,
    );
    if (!consumer) throw new Error(`queue ${queue.name} has no consumer in the topology`);
    queues.set(
      queue.name,
      new LocalQueue(queue, (event) => functions.invoke(consumer, event), options.queueTimeScale),
    );
  }
  const sqs = new LocalSqs(LOCAL_STACK_NAME, queues);
  const sqsEndpoint = await sqs.listen();
  const schedulerTarget = (name: string) =>
    topology.functions.find((f) => f.name === name && f.trigger.kind === 'scheduler-target');
  const dueTarget = schedulerTarget('activity-due');
  const timerTarget = schedulerTarget('case-timers');
  const scheduler = new LocalScheduler(async (input) => {
    if (dueTarget) await functions.invoke(dueTarget, input);
  });
  registerLocalActivityScheduler(scheduler);
  registerLocalCaseTimers(
    scheduler.caseTimers(async (input) => {
      if (timerTarget) await functions.invoke(timerTarget, input);
    }),
  );
  const sendQueue = queues.get('newsletter-sends');
  registerLocalNewsletterDelivery(
    sendQueue && {
      queue: {
        enqueue: async (pages, delaySeconds) => {
          for (const page of pages)
            sendQueue.send(JSON.stringify(withCurrentCorrelationId(page)), delaySeconds);
        },
      },
      starts: scheduler.sendStarts((body) => sendQueue.send(body)),
    },
  );
  const receiptQueue = topology.mailReceipt && queues.get(topology.mailReceipt.queue);
  const mailReceipt =
    topology.mailReceipt && receiptQueue
      ? new LocalMailReceipt(topology.mailReceipt, objectStoreFromEnvironment(), receiptQueue)
      : undefined;
  const schedules = new LocalFixedSchedules(topology.schedules, topology.functions, (fn, input) =>
    functions.invoke(fn, input),
  );
  const relay = topology.functions.find((f) => f.trigger.kind === 'outbox-stream');
  const poller = relay
    ? new StreamPoller(
        dynamoEndpoint,
        tableName,
        relay.trigger.kind === 'outbox-stream' ? relay.trigger.batchSize : 25,
        (event) => functions.invoke(relay, event),
      )
    : undefined;
  await poller?.start();

  const identity = await LocalIdentityProvider.open(
    options.stateDir ?? path.join(options.projectRoot, '.local'),
  );
  // Local-only views of what the stand-in adapters recorded (AWS has the real services' consoles).
  const api = new LocalApiGateway(topology, functions, identity, {
    'GET /local/sms': (url) => recordedSmsResponse(localSmsRecorder, url.searchParams),
    ...(mailReceipt ? { 'POST /local/inbound-mail': (_url, body) => mailReceipt.receive(body) } : {}),
    'POST /local/ses-events': sesEventInjection(bus),
    'GET /local/operations': (url) => {
      const snapshot = operationsSnapshot({
        queues,
        functions,
        failures,
        bus,
        scheduler,
        fixedSchedules: topology.schedules,
      });
      return url.searchParams.get('format') === 'json'
        ? { status: 200, body: snapshot }
        : { status: 200, body: operatorPage(snapshot), contentType: 'text/html; charset=utf-8' };
    },
  });
  const apiUrl = await api.listen(options.apiPort);
  // Signi calls back, and newsletter links point, at the API's own address; known once it listens.
  process.env.SIGNING_CALLBACK_URL = `${apiUrl}/v1/webhooks/e-signature/signi`;
  process.env.UNSUBSCRIBE_BASE_URL = `${apiUrl}/v1/unsubscribe`;

  const leadSources: DemoLeadSource[] = [];
  if (options.seed !== false) {
    const table = createTable(tableName);
    await seedDemoData(table);
    await seedDemoUsers(table);
    leadSources.push(...(await seedDemoSales(table, demoTenants)));
    await seedDemoCampaigns(table, demoTenants);
    await seedDemoServiceSetup(localCasesEnvironment(tableName), demoTenants);
    await seedDemoTechnicians(table, demoTenants);
    await seedDemoNewsletters(
      {
        table,
        mailer: SesMailer.fromEnvironment(),
        links: environmentUnsubscribeLinks(),
        starts: localNewsletterDelivery().starts,
      },
      demoTenants,
    );
  }
  // The local scheduler keeps schedules in memory: register the stored ones again.
  const demoTenantIds = demoTenants.map((t) => t.profile.id);
  await activitiesServices({ table: createTable(tableName), scheduler }).activities.rescheduleAll(
    demoTenantIds,
  );
  await newsletterService({
    table: createTable(tableName),
    mailer: SesMailer.fromEnvironment(),
    links: environmentUnsubscribeLinks(),
    starts: localNewsletterDelivery().starts,
  }).rescheduleAll(demoTenantIds);
  if (options.realTimeScheduler) {
    scheduler.start();
    schedules.start((name, error) => console.error(`schedule ${name} failed`, error));
  }

  const tenants = await Promise.all(
    demoTenants.map(async (t) => {
      const technician = t.users.find((u) => u.groups.includes('technician'));
      return {
        id: t.profile.id,
        name: t.profile.name,
        adminToken: await identity.mint(
          t.users.find((u) => u.groups.includes('admin')) ?? (t.users[0] as never),
        ),
        ...(technician ? { technicianToken: await identity.mint(technician) } : {}),
      };
    }),
  );

  const settled = async () => {
    // Two quiet rounds in a row: nothing new on the stream and every queue empty.
    let quiet = 0;
    while (quiet < 2) {
      const before = JSON.stringify([...queues.values()].map((q) => q.counts));
      await poller?.caughtUp();
      await Promise.all([...queues.values()].map((q) => q.drained()));
      quiet = JSON.stringify([...queues.values()].map((q) => q.counts)) === before ? quiet + 1 : 0;
    }
  };

  if (options.seed !== false && options.demoContracts) {
    await seedDemoCommissionRules(createTable(tableName), demoTenants);
    await seedDemoContracts(createTable(tableName), demoTenants, { settled, signi });
    await seedDemoOffers(createTable(tableName), demoTenants, { settled });
    await seedDemoExportSpecs(createTable(tableName), objectStoreFromEnvironment(), demoTenants);
    await seedDemoCases(localCasesEnvironment(tableName), demoTenants);
    await seedDemoWorkOrders(localCasesEnvironment(tableName), demoTenants);
  }

  return {
    apiUrl,
    docsUrl: `${apiUrl}/docs`,
    mailboxUrl: sesEndpoint,
    smsUrl: `${apiUrl}/local/sms`,
    signiUrl: signi.endpoint,
    signi,
    registersUrl: registers.endpoint,
    registers,
    inboundMailUrl: `${apiUrl}/local/inbound-mail`,
    sesEventsUrl: `${apiUrl}/local/ses-events`,
    operationsUrl: `${apiUrl}/local/operations`,
    social,
    tableName,
    dynamoEndpoint,
    tenants,
    leadSources,
    identity,
    queues,
    sqsEndpoint,
    demoTenants,
    scheduler,
    schedules,
    settled,
    holdStream: async () => {
      await poller?.pause();
      return () => poller?.resume();
    },
    async stop() {
      await api.close();
      await scheduler.stop();
      schedules.stop();
      registerLocalActivityScheduler(undefined);
      registerLocalCaseTimers(undefined);
      registerLocalNewsletterDelivery(undefined);
      await poller?.stop();
      for (const q of queues.values()) q.stop();
      await sqs.close();
      await bus.close();
      await Promise.all(owned.map((s) => s.stop()));
    },
  };
}

/** What the demo's service seed writes with: the runtime's table, bucket, SES and timers. */
const localCasesEnvironment = (tableName: string) => ({
  table: createTable(tableName),
  objects: objectStoreFromEnvironment(),
  mailer: SesMailer.fromEnvironment(),
  caseTimers: localCaseTimers(),
});

async function own<S extends LocalService>(owned: LocalService[], starting: Promise<S>): Promise<S> {
  const service = await starting;
  owned.push(service);
  return service;
}
