import type { HttpMethod } from '#http/route';

/**
 * The vocabulary of the topology: what functions, queues, event rules and
 * schedules exist and how they connect. Plain data, realised twice: by the
 * CDK stack (lib/gridline-stack.ts) and by the local runtime (lib/local/).
 */

export interface HttpRoute {
  readonly method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/accounts/{accountId}`. */
  readonly path: string;
  /** `jwt`: the Cognito JWT authorizer guards the route; `none`: public. */
  readonly auth: 'jwt' | 'none';
  /**
   * The route's own throttle on the API stage, in place of the stage's
   * default: requests a second, and the burst above it.
   */
  readonly throttle?: RouteThrottle;
}

export interface RouteThrottle {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export type Trigger =
  | { readonly kind: 'http'; readonly routes: readonly HttpRoute[] }
  | { readonly kind: 'queue'; readonly queue: string }
  /** The table's change stream, filtered to outbox inserts. */
  | { readonly kind: 'outbox-stream'; readonly batchSize: number }
  | { readonly kind: 'schedule'; readonly schedule: string }
  /** Invoked by EventBridge Scheduler schedules that the application creates at run time. */
  | { readonly kind: 'scheduler-target' };

export interface FunctionAccess {
  readonly table?: 'read' | 'readWrite';
  readonly putEvents?: boolean;
  readonly sendEmail?: boolean;
  /** Names of `Topology.secrets` the function may read. */
  readonly secrets?: readonly string[];
  /** The attachments and files bucket. */
  readonly bucket?: 'read' | 'readWrite';
  /** Creates, disables and assigns roles to users of the Cognito user pool. */
  readonly cognitoAdmin?: boolean;
  readonly sendSms?: boolean;
  /**
   * The signing secrets of lead sources, one per source under the stack's
   * prefix: `read` them (the webhook) or `manage` them (create, rotate).
   */
  readonly webhookSecrets?: 'read' | 'manage';
  /** Creates, changes and deletes run-time schedules that invoke this `scheduler-target` function. */
  readonly manageSchedulesFor?: string;
  /**
   * Sends contracts for e-signature and reads their state: Signi's API URL,
   * its key (the `signi-api-key` secret) and the URL of our callback.
   */
  readonly eSignature?: boolean;
  /**
   * Sends messages to this queue of the topology itself (a job fanning its
   * work out in parts): `<QUEUE>_QUEUE_URL` names it, e.g. `NEWSLETTER_SENDS_QUEUE_URL`.
   */
  readonly sendToQueue?: string;
  /**
   * Creates one-off run-time schedules that put a message on this queue of
   * the topology at their time (EventBridge Scheduler's SQS target).
   */
  readonly scheduleToQueue?: string;
  /** Reads the SES account's send quota and rate (`GetAccount`). */
  readonly readSendQuota?: boolean;
}

/** A secret the operator fills in (an outside service's API key); the stack creates it empty. */
export interface SecretDefinition {
  readonly name: string;
  readonly description: string;
  /** The stack makes a random value (a key only Gridline uses); otherwise the operator fills it in. */
  readonly generated?: boolean;
}

/** The secret holding Signi's API key, read by functions with `eSignature` access. */
export const signiApiKeySecret = 'signi-api-key';

/** The Meta app's secret (signs social webhooks) and its subscription verify token, read by `service-channels`. */
export const metaAppSecret = 'meta-app-secret';
export const metaVerifyToken = 'meta-verify-token';

/** The environment variable that tells a function its secret's ARN: `mapy-api-key` → `MAPY_API_KEY_SECRET_ID`. */
/** Bolagsverket's OAuth client (client id and secret) for the company register lookups. */
export const bolagsverketClientSecret = 'bolagsverket-client';

export const secretEnvironmentName = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_SECRET_ID`;

/** The environment variable that tells a function a queue's URL: `newsletter-sends` → `NEWSLETTER_SENDS_QUEUE_URL`. */
export const queueUrlEnvironmentName = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_QUEUE_URL`;

/** The environment variable that tells a function the ARN of the queue its run-time schedules put messages on. */
export const queueScheduleTargetEnvironmentName = 'SCHEDULE_QUEUE_ARN';

/** The secret that signs newsletters' unsubscribe links; the stack generates it. */
export const unsubscribeSigningKeySecret = 'unsubscribe-signing-key';

/** SES configuration sets the stack makes: the plain one, and one that also tracks opens and clicks. */
export const sesConfigurationSetEnvironment = {
  plain: 'SES_CONFIGURATION_SET',
  tracked: 'SES_TRACKED_CONFIGURATION_SET',
} as const;

export interface FunctionDefinition {
  /** kebab-case, unique; also the log group and alarm name suffix. */
  readonly name: string;
  /** Entry file relative to the project root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly trigger: Trigger;
  readonly access: FunctionAccess;
  /**
   * Files of installed packages the function reads at run time, as
   * `package/file`. Locally it finds them in the project's node_modules; the
   * stack copies them into a node_modules beside the function's bundle.
   */
  readonly packageFiles?: readonly string[];
  /**
   * The document libraries that are the function's purpose (rendering PDFs,
   * reading spreadsheets and CSV files, parsing mail, sanitising HTML): they count in the
   * floor its bundle budget is measured against (ADR 0022).
   */
  readonly documentLibraries?: readonly DocumentLibrary[];
  /**
   * Files of the project the function reads at run time beside its module,
   * by their name alone (`new URL('./name', import.meta.url)`), as paths from
   * the project root. Locally they lie beside the source module that reads
   * them; the stack copies them beside the function's bundle.
   */
  readonly projectFiles?: readonly string[];
}

/** Libraries for the files a function exists for (PDFs, spreadsheets, CSV, mail, HTML): they count in its floor. */
export const documentLibraryNames = [
  'pdfkit',
  'exceljs',
  'csv-parse',
  'postal-mime',
  'sanitize-html',
] as const;
export type DocumentLibrary = (typeof documentLibraryNames)[number];

export interface QueueDefinition {
  readonly name: string;
  readonly batchSize: number;
  /** Must exceed the consumer's timeout (AWS refuses the mapping otherwise). */
  readonly visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's dead-letter queue. */
  readonly maxReceiveCount: number;
  readonly maxBatchingWindowSeconds: number;
  /**
   * The most consumers working the queue at once (the event source mapping's
   * maximum concurrency, 2 or more); unbounded when absent. A consumer that
   * paces a shared budget (SES's send rate) divides it by this.
   */
  readonly maxConcurrency?: number;
}

/**
 * An EventBridge rule; the pattern is source and optional detail-types. On
 * the domain bus unless `bus` is `default`, where AWS services (SES's
 * delivery events) publish.
 */
export interface EventRuleDefinition {
  readonly name: string;
  readonly bus?: 'domain' | 'default';
  /**
   * Only SES events of mail this stack sent (tagged with one of its
   * configuration sets): the default bus carries every stack's in the account.
   */
  readonly ownMailOnly?: boolean;
  readonly description: string;
  readonly sources: readonly string[];
  readonly detailTypes?: readonly string[];
  readonly targetQueue: string;
}

export interface ScheduleDefinition {
  readonly name: string;
  readonly description: string;
  /** EventBridge Scheduler expression: `rate(5 minutes)` or `cron(...)`. */
  readonly expression: string;
  readonly targetFunction: string;
}

/**
 * Inbound mail: SES receipt stores each message under `prefix` in the files
 * bucket, and S3 notifies `queue` of it (locally, a route of the runtime does both).
 */
export interface MailReceiptDefinition {
  readonly queue: string;
  readonly prefix: string;
}

export interface Topology {
  readonly functions: readonly FunctionDefinition[];
  readonly queues: readonly QueueDefinition[];
  readonly rules: readonly EventRuleDefinition[];
  readonly schedules: readonly ScheduleDefinition[];
  readonly secrets: readonly SecretDefinition[];
  readonly mailReceipt?: MailReceiptDefinition;
}
