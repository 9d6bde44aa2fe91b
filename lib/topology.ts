import { contractFontFiles } from '#adapters/documents/contract-fonts';
import { routesByFunction } from '#api/docs/all-routes';
import { openApiFilePath } from '#api/docs/openapi-file';
import { swaggerUiFiles } from '#api/docs/swagger-ui-assets';
import { addressVerificationEvents } from '#domain/energy/energy-events';
import { importStepEvents } from '#domain/import/import-events';
import { registerLookupEvents } from '#domain/registers/register-lookup-service';
import { leadPipelineEvents } from '#domain/sales/leads/lead-pipeline';
import { eventSources } from '#domain/service-context';
import { moveCustomersEventTypes } from '#domain/settings/move-customers';
import { eventRule } from './event-rule';
import {
  bolagsverketClientSecret,
  type HttpRoute,
  metaAppSecret,
  metaVerifyToken,
  type RouteThrottle,
  signiApiKeySecret,
  type Topology,
  unsubscribeSigningKeySecret,
} from './topology-types';

/**
 * The public routes' own throttles (requests a second, burst). Anyone may
 * call them, so each gets a small budget of its own, well under the stage's
 * default, instead of that default; the authenticated routes are metered
 * per tenant as well, by the handler shell.
 */
export const publicRouteThrottles = {
  /** The OpenAPI document and the docs page: read by people and the odd tool. */
  docs: { rateLimit: 5, burstLimit: 10 },
  /** Lead platforms' deliveries, all sources together: enough for a platform catching up after an outage. */
  webhooks: { rateLimit: 25, burstLimit: 50 },
  /** Signi's callbacks: one per signed, rejected or expired document. */
  signing: { rateLimit: 10, burstLimit: 20 },
  /** Web forms of every tenant and the social platform's webhook (each form also has its own bucket). */
  serviceChannels: { rateLimit: 20, burstLimit: 40 },
  /** Newsletter recipients' unsubscribe links and mail providers' one-click POSTs. */
  unsubscribe: { rateLimit: 20, burstLimit: 40 },
} as const satisfies Record<string, RouteThrottle>;

const httpRoutes = (fn: keyof typeof routesByFunction, publicThrottle?: RouteThrottle): HttpRoute[] =>
  routesByFunction[fn].map((r) => ({
    method: r.method,
    path: r.path,
    auth: r.permission === 'public' ? 'none' : 'jwt',
    ...(r.permission === 'public' && publicThrottle ? { throttle: publicThrottle } : {}),
  }));

/** Every event source of the domain; the audit trail listens to all of them. */
export const domainEventSources = Object.values(eventSources);

/**
 * Gridline's topology. Add a function, queue, rule or schedule here and both
 * the CDK stack and the local runtime have it.
 */
export const topology: Topology = {
  functions: [
    {
      name: 'accounts-api',
      entry: 'functions/accounts-api.ts',
      description: 'Accounts, contacts, notes, history and caller identification',
      memoryMb: 1024,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('accounts-api') },
      access: { table: 'readWrite' },
    },
    {
      name: 'docs-api',
      entry: 'functions/docs-api.ts',
      description: 'The OpenAPI document and the API reference (Swagger UI)',
      memoryMb: 512,
      timeoutSeconds: 5,
      trigger: { kind: 'http', routes: httpRoutes('docs-api', publicRouteThrottles.docs) },
      access: {},
      packageFiles: Object.values(swaggerUiFiles),
      projectFiles: [openApiFilePath],
    },
    {
      name: 'energy-api',
      entry: 'functions/energy-api.ts',
      description: 'Supply points, distribution territories and energy reference data',
      memoryMb: 1024,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('energy-api') },
      access: { table: 'readWrite' },
    },
    {
      name: 'attachments-api',
      entry: 'functions/attachments-api.ts',
      description:
        'Attachments on accounts, contacts, deals and contracts: pre-signed upload and download URLs',
      memoryMb: 512,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('attachments-api') },
      access: { table: 'readWrite', bucket: 'readWrite' },
    },
    {
      name: 'users-api',
      entry: 'functions/users-api.ts',
      description: 'Users of a tenant: the Cognito user pool and the users’ records',
      memoryMb: 512,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('users-api') },
      access: { table: 'readWrite', cognitoAdmin: true },
    },
    {
      name: 'messaging-api',
      entry: 'functions/messaging-api.ts',
      description: 'E-mail and SMS to contacts (SES, AWS End User Messaging)',
      memoryMb: 1024,
      timeoutSeconds: 15,
      trigger: { kind: 'http', routes: httpRoutes('messaging-api') },
      access: { table: 'readWrite', sendEmail: true, sendSms: true },
    },
    {
      name: 'activities-api',
      entry: 'functions/activities-api.ts',
      description: 'Scheduled activities on accounts and contacts, and their owners’ tasks',
      memoryMb: 1024,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('activities-api') },
      access: { table: 'readWrite', manageSchedulesFor: 'activity-due' },
    },
    {
      name: 'activity-due',
      entry: 'functions/activity-due.ts',
      description: 'Creates the task and events of a scheduled activity that is due',
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger: { kind: 'scheduler-target' },
      access: { table: 'readWrite' },
    },
    {
      name: 'settings-api',
      entry: 'functions/settings-api.ts',
      description: 'Tenant settings, user groups and move-customers jobs',
      memoryMb: 1024,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('settings-api') },
      access: { table: 'readWrite' },
    },
    {
      name: 'settings-jobs',
      entry: 'functions/settings-jobs.ts',
      description: 'Runs move-customers jobs, one bounded step per message',
      memoryMb: 1024,
      timeoutSeconds: 120,
      trigger: { kind: 'queue', queue: 'settings-jobs' },
      access: { table: 'readWrite' },
    },
    {
      name: 'import-api',
      entry: 'functions/import-api.ts',
      description: 'CSV imports of accounts and contacts: upload URL, mapping, dry run, run, progress',
      memoryMb: 1024,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('import-api') },
      documentLibraries: ['csv-parse'],
      access: { table: 'readWrite', bucket: 'readWrite' },
    },
    {
      name: 'import-worker',
      entry: 'functions/import-worker.ts',
      description: 'Runs queued import steps: validates the file, checks and writes rows in slices',
      memoryMb: 1024,
      timeoutSeconds: 900,
      trigger: { kind: 'queue', queue: 'imports' },
      documentLibraries: ['csv-parse'],
      access: { table: 'readWrite', bucket: 'readWrite' },
    },
    {
      name: 'address-verifier',
      entry: 'functions/address-verifier.ts',
      description: 'Verifies supply point addresses with the geocoder',
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger: { kind: 'queue', queue: 'address-verification' },
      access: { table: 'readWrite', secrets: ['mapy-api-key'] },
    },
    {
      name: 'register-lookups',
      entry: 'functions/register-lookups.ts',
      description: 'Looks new accounts and changed organisation numbers up in the company register',
      memoryMb: 512,
      // A lookup with its token and retries stays under 40 s (5 s per attempt, waits of at most 10 s).
      timeoutSeconds: 45,
      trigger: { kind: 'queue', queue: 'register-lookups' },
      access: { table: 'readWrite', secrets: [bolagsverketClientSecret] },
    },
    {
      name: 'billing-sync',
      entry: 'functions/billing-sync.ts',
      description: 'Copies account billing data to the account’s supply points',
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger: { kind: 'queue', queue: 'billing-sync' },
      access: { table: 'readWrite' },
    },
    {
      name: 'sales-api',
      entry: 'functions/sales-api.ts',
      description: 'Leads, deals, offers, lead sources, the sales rules and the sales reports',
      memoryMb: 1024,
      timeoutSeconds: 15,
      trigger: { kind: 'http', routes: httpRoutes('sales-api') },
      access: { table: 'readWrite', webhookSecrets: 'manage' },
    },
    {
      name: 'lead-webhook',
      entry: 'functions/lead-webhook.ts',
      description: 'Leads delivered by lead platforms, checked against their source’s signing secret',
      memoryMb: 512,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('lead-webhook', publicRouteThrottles.webhooks) },
      access: { table: 'readWrite', webhookSecrets: 'read' },
    },
    {
      name: 'lead-pipeline',
      entry: 'functions/lead-pipeline.ts',
      description: 'Scores, qualifies and routes leads, and schedules the owner’s follow-ups',
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger: { kind: 'queue', queue: 'lead-pipeline' },
      access: { table: 'readWrite', manageSchedulesFor: 'activity-due' },
    },
    {
      name: 'sales-reports',
      entry: 'functions/sales-reports.ts',
      description:
        'Keeps the forecast, win/loss and funnel aggregates from deal and lead events, and the campaigns’ funnel',
      memoryMb: 512,
      timeoutSeconds: 60,
      trigger: { kind: 'queue', queue: 'sales-reports' },
      access: { table: 'readWrite' },
    },
    {
      name: 'campaigns-api',
      entry: 'functions/campaigns-api.ts',
      description: 'Marketing campaigns and their funnel reports, read from the campaigns’ totals',
      memoryMb: 512,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('campaigns-api') },
      access: { table: 'readWrite' },
    },
    {
      name: 'contracts-api',
      entry: 'functions/contracts-api.ts',
      description:
        'Contracts: made from deals, sent for signing, moved through their life; the contract rules; offer PDFs',
      memoryMb: 1024,
      // Under the HTTP API's 30 s: a cancellation reads and withdraws the contract at Signi.
      timeoutSeconds: 29,
      trigger: { kind: 'http', routes: httpRoutes('contracts-api') },
      // SES: a sent offer version's PDF is e-mailed to the account's contact from here.
      access: { table: 'readWrite', bucket: 'readWrite', eSignature: true, sendEmail: true },
      packageFiles: contractFontFiles,
      // Renders the contract documents (the renderer loads on the first render).
      documentLibraries: ['pdfkit'],
    },
    {
      name: 'signing-callback',
      entry: 'functions/signing-callback.ts',
      description:
        'Signi’s callbacks: routed by the contract’s token, settled on the state read back from Signi',
      memoryMb: 512,
      timeoutSeconds: 29,
      trigger: { kind: 'http', routes: httpRoutes('signing-callback', publicRouteThrottles.signing) },
      access: { table: 'readWrite', bucket: 'readWrite', eSignature: true },
    },
    {
      name: 'contract-signing',
      entry: 'functions/contract-signing.ts',
      description: 'Hands contracts sent by users to Signi; retried from its queue while Signi is down',
      memoryMb: 512,
      timeoutSeconds: 60,
      trigger: { kind: 'queue', queue: 'contract-signing' },
      access: { table: 'readWrite', bucket: 'read', eSignature: true },
    },
    {
      name: 'contract-followups',
      entry: 'functions/contract-followups.ts',
      description:
        'Makes the draft contract of an accepted offer and starts the supplier switches of a signed one',
      memoryMb: 512,
      timeoutSeconds: 60,
      trigger: { kind: 'queue', queue: 'contract-followups' },
      access: { table: 'readWrite' },
    },
    {
      name: 'offer-documents',
      entry: 'functions/offer-documents.ts',
      description: 'Renders and stores the PDF of each sent offer version, once',
      memoryMb: 1024,
      timeoutSeconds: 60,
      trigger: { kind: 'queue', queue: 'offer-documents' },
      access: { table: 'readWrite', bucket: 'readWrite' },
      packageFiles: contractFontFiles,
      documentLibraries: ['pdfkit'],
    },
    {
      name: 'contract-jobs',
      entry: 'functions/contract-jobs.ts',
      description:
        'Daily: re-checks contracts sent long ago at Signi, starts renewals, ends contracts, closes the print batches',
      memoryMb: 1024,
      timeoutSeconds: 900,
      trigger: { kind: 'schedule', schedule: 'contract-daily-jobs' },
      // The renewal task is an activity: it schedules itself for activity-due.
      access: {
        table: 'readWrite',
        bucket: 'readWrite',
        eSignature: true,
        manageSchedulesFor: 'activity-due',
      },
      packageFiles: contractFontFiles,
      // Renders the print batches’ cover pages.
      documentLibraries: ['pdfkit'],
    },
    {
      name: 'commissions-api',
      entry: 'functions/commissions-api.ts',
      description: 'Commissions: their rules, instalments, month payouts, payroll export and statements',
      memoryMb: 1024,
      // Under the HTTP API's 30 s: a month's bulk approval writes up to 100 commissions per call.
      timeoutSeconds: 29,
      trigger: { kind: 'http', routes: httpRoutes('commissions-api') },
      access: { table: 'readWrite' },
    },
    {
      name: 'commission-followups',
      entry: 'functions/commission-followups.ts',
      description:
        'Makes the commission of a signed contract once, and claws it back when the contract falls away',
      memoryMb: 512,
      timeoutSeconds: 60,
      trigger: { kind: 'queue', queue: 'commission-followups' },
      access: { table: 'readWrite' },
    },
    {
      name: 'commission-reports',
      entry: 'functions/commission-reports.ts',
      description: 'Keeps the commission statements’ aggregates from commission events',
      memoryMb: 512,
      timeoutSeconds: 60,
      trigger: { kind: 'queue', queue: 'commission-reports' },
      access: { table: 'readWrite' },
    },
    {
      name: 'commission-jobs',
      entry: 'functions/commission-jobs.ts',
      description: 'Daily: makes the commission instalments whose day has come due',
      memoryMb: 512,
      timeoutSeconds: 900,
      trigger: { kind: 'schedule', schedule: 'commission-daily-jobs' },
      access: { table: 'readWrite' },
    },
    {
      name: 'exports-api',
      entry: 'functions/exports-api.ts',
      description: 'Data-sentence specifications and exports: asked for here, built by the export worker',
      memoryMb: 512,
      timeoutSeconds: 10,
      trigger: { kind: 'http', routes: httpRoutes('exports-api') },
      access: { table: 'readWrite', bucket: 'read' },
    },
    {
      name: 'export-worker',
      entry: 'functions/export-worker.ts',
      description:
        'Builds data-sentence exports: rows streamed into an xlsx or CSV in the files bucket, an error report beside it',
      // A small function: the file is streamed, never held (the bench measures peak memory).
      memoryMb: 512,
      timeoutSeconds: 900,
      trigger: { kind: 'queue', queue: 'data-sentence-exports' },
      access: { table: 'readWrite', bucket: 'readWrite' },
      // Writes the data sentences’ spreadsheets.
      documentLibraries: ['exceljs'],
    },
    {
      name: 'service-api',
      entry: 'functions/service-api.ts',
      description: 'Customer-service cases, their threads and queues; the service settings and entitlements',
      memoryMb: 1024,
      // Under the HTTP API's 30 s: a reply waits for SES.
      timeoutSeconds: 29,
      trigger: { kind: 'http', routes: httpRoutes('service-api') },
      access: { table: 'readWrite', bucket: 'read', sendEmail: true, manageSchedulesFor: 'case-timers' },
    },
    {
      name: 'field-service-api',
      entry: 'functions/field-service-api.ts',
      description:
        'Field service: work orders, technicians, booking their time, and visits reported from a phone (a meter exchange records its readings)',
      memoryMb: 1024,
      timeoutSeconds: 29,
      trigger: { kind: 'http', routes: httpRoutes('field-service-api') },
      access: { table: 'readWrite' },
    },
    {
      name: 'appointment-notices',
      entry: 'functions/appointment-notices.ts',
      description: 'Tells customers of their visits booked, moved or cancelled, by e-mail or SMS',
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger: { kind: 'queue', queue: 'appointment-notices' },
      access: { table: 'readWrite', sendEmail: true, sendSms: true },
    },
    {
      name: 'service-channels',
      entry: 'functions/service-channels.ts',
      description:
        'The public ways into customer service: tenants’ web forms and the social platform’s signed webhook',
      memoryMb: 512,
      timeoutSeconds: 29,
      trigger: { kind: 'http', routes: httpRoutes('service-channels', publicRouteThrottles.serviceChannels) },
      access: {
        table: 'readWrite',

        secrets: [metaAppSecret, metaVerifyToken],
        manageSchedulesFor: 'case-timers',
      },
    },
    {
      name: 'inbound-mail',
      entry: 'functions/inbound-mail.ts',
      description:
        'Mail to the tenants’ service mailboxes, stored by SES receipt: threaded into cases or opening them',
      memoryMb: 1024,
      timeoutSeconds: 60,
      trigger: { kind: 'queue', queue: 'inbound-mail' },
      access: { table: 'readWrite', bucket: 'readWrite', manageSchedulesFor: 'case-timers' },
      // Parses the raw mail SES stores.
      documentLibraries: ['postal-mime'],
    },
    {
      name: 'case-timers',
      entry: 'functions/case-timers.ts',
      description: 'A case’s SLA warning or breach: re-checked, then notified and escalated by its policy',
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger: { kind: 'scheduler-target' },
      // A breach may raise the priority, which re-plans the case's other timers.
      access: { table: 'readWrite', sendEmail: true, manageSchedulesFor: 'case-timers' },
    },
    {
      name: 'newsletters-api',
      entry: 'functions/newsletters-api.ts',
      description:
        'Newsletters: drafts, test mails, recipient review, sending, the suppression list and consent history',
      memoryMb: 1024,
      // Under the HTTP API's 30 s: a review resolves the filter over the tenant's contacts.
      timeoutSeconds: 29,
      trigger: { kind: 'http', routes: httpRoutes('newsletters-api') },
      access: {
        table: 'readWrite',
        sendEmail: true,
        scheduleToQueue: 'newsletter-sends',
        secrets: [unsubscribeSigningKeySecret],
      },
      // Sanitises every newsletter’s HTML as it is written.
      documentLibraries: ['sanitize-html'],
    },
    {
      name: 'newsletter-sender',
      entry: 'functions/newsletter-sender.ts',
      description:
        'Sends newsletters: fans a send out in pages of recipients, each paced to the SES send rate, once per recipient',
      memoryMb: 512,
      timeoutSeconds: 300,
      trigger: { kind: 'queue', queue: 'newsletter-sends' },
      access: {
        table: 'readWrite',
        sendEmail: true,
        readSendQuota: true,
        sendToQueue: 'newsletter-sends',
        secrets: [unsubscribeSigningKeySecret],
      },
    },
    {
      name: 'newsletter-unsubscribe',
      entry: 'functions/newsletter-unsubscribe.ts',
      description: 'The public unsubscribe page and RFC 8058 one-click endpoint of newsletter mails',
      memoryMb: 512,
      timeoutSeconds: 10,
      trigger: {
        kind: 'http',
        routes: httpRoutes('newsletter-unsubscribe', publicRouteThrottles.unsubscribe),
      },
      access: { table: 'readWrite', secrets: [unsubscribeSigningKeySecret] },
    },
    {
      name: 'mail-feedback',
      entry: 'functions/mail-feedback.ts',
      description:
        'SES delivery events: permanent bounces and complaints suppress the address; deliveries, opens and clicks counted',
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger: { kind: 'queue', queue: 'mail-feedback' },
      access: { table: 'readWrite' },
    },
    {
      name: 'outbox-relay',
      entry: 'functions/outbox-relay.ts',
      description: 'Relays outbox items from the table stream to the domain event bus',
      memoryMb: 512,
      timeoutSeconds: 30,
      trigger: { kind: 'outbox-stream', batchSize: 25 },
      access: { putEvents: true },
    },
    {
      name: 'merge-follow-up',
      entry: 'functions/merge-follow-up.ts',
      description:
        'Moves a merged record’s notes, files, activities, consent and timeline to its survivor, in batches',
      memoryMb: 512,
      timeoutSeconds: 300,
      trigger: { kind: 'queue', queue: 'merge-follow-ups' },
      access: { table: 'readWrite' },
    },
    {
      name: 'audit-recorder',
      entry: 'functions/audit-recorder.ts',
      description: 'Records every domain event in the history of its subjects',
      memoryMb: 512,
      timeoutSeconds: 20,
      trigger: { kind: 'queue', queue: 'audit' },
      access: { table: 'readWrite' },
    },
  ],
  queues: [
    {
      name: 'audit',
      batchSize: 10,
      visibilityTimeoutSeconds: 60,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    // One address at a time: the geocoder is rate-limited, and a failure retries only that one.
    {
      name: 'address-verification',
      batchSize: 1,
      visibilityTimeoutSeconds: 120,
      maxReceiveCount: 8,
      maxBatchingWindowSeconds: 0,
    },
    // One lookup at a time: the registers limit their callers, and a failure retries only that one.
    // A throttled or failing register is asked again after five minutes, six times in all.
    {
      name: 'register-lookups',
      batchSize: 1,
      visibilityTimeoutSeconds: 300,
      maxReceiveCount: 6,
      maxBatchingWindowSeconds: 0,
    },
    // One import step per invocation; the visibility outlasts the worker's 15 minutes.
    {
      name: 'imports',
      batchSize: 1,
      visibilityTimeoutSeconds: 960,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 0,
    },
    // One step per invocation: a step may run for a minute.
    {
      name: 'settings-jobs',
      batchSize: 1,
      visibilityTimeoutSeconds: 720,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 0,
    },
    // A few notices at a time: each one is a message sent through SES or SMS.
    {
      name: 'appointment-notices',
      batchSize: 5,
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    // One page of recipients per invocation, paced to SES's rate: the timeout is long, so is the visibility.
    {
      name: 'newsletter-sends',
      batchSize: 1,
      visibilityTimeoutSeconds: 1800,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 0,
      // Two senders at most (the least AWS allows), each at half of SES's send rate.
      maxConcurrency: 2,
    },
    {
      name: 'mail-feedback',
      batchSize: 10,
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    {
      name: 'billing-sync',
      batchSize: 10,
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    {
      name: 'lead-pipeline',
      batchSize: 10,
      visibilityTimeoutSeconds: 180,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    // Aggregate writes of one tenant meet in one partition: small batches keep clashes rare.
    {
      name: 'sales-reports',
      batchSize: 10,
      visibilityTimeoutSeconds: 360,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    // Signi is called once per message; the visibility spaces out retries while it is down.
    {
      name: 'contract-signing',
      batchSize: 1,
      visibilityTimeoutSeconds: 300,
      maxReceiveCount: 8,
      maxBatchingWindowSeconds: 0,
    },
    {
      name: 'contract-followups',
      batchSize: 5,
      visibilityTimeoutSeconds: 360,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    {
      name: 'offer-documents',
      batchSize: 5,
      visibilityTimeoutSeconds: 360,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    {
      name: 'commission-followups',
      batchSize: 5,
      visibilityTimeoutSeconds: 360,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    // One export per invocation; the visibility outlasts the worker's 15 minutes.
    {
      name: 'data-sentence-exports',
      batchSize: 1,
      visibilityTimeoutSeconds: 960,
      maxReceiveCount: 3,
      maxBatchingWindowSeconds: 0,
    },
    // Fed by S3 notifications of the mail receipt, not by the bus.
    {
      name: 'inbound-mail',
      batchSize: 5,
      visibilityTimeoutSeconds: 360,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
    // One merge per invocation: a contact with a long history takes a while to move.
    {
      name: 'merge-follow-ups',
      batchSize: 1,
      visibilityTimeoutSeconds: 1800,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 0,
    },
    // Statement writes of one tenant meet in a few items: small batches keep clashes rare.
    {
      name: 'commission-reports',
      batchSize: 10,
      visibilityTimeoutSeconds: 360,
      maxReceiveCount: 5,
      maxBatchingWindowSeconds: 1,
    },
  ],
  rules: [
    eventRule({
      name: 'tell-customers-of-appointments',
      description: 'Booked, moved and cancelled visits are told to the customer',
      source: eventSources.fieldService,
      // A status change carries the visit it cancelled, if any.
      detailTypes: [
        'AppointmentBooked',
        'AppointmentRescheduled',
        'AppointmentCancelled',
        'WorkOrderStatusChanged',
      ],
      targetQueue: 'appointment-notices',
    }),
    {
      name: 'audit-all-domain-events',
      description: 'Every domain event goes to the audit trail',
      sources: domainEventSources,
      targetQueue: 'audit',
    },
    eventRule({
      name: 'verify-supply-point-addresses',
      description: 'New and changed supply points have their address verified',
      source: eventSources.energy,
      detailTypes: addressVerificationEvents,
      targetQueue: 'address-verification',
    }),
    eventRule({
      name: 'look-up-company-registers',
      description: 'New accounts and changed organisation numbers are looked up in the company register',
      source: eventSources.accounts,
      detailTypes: registerLookupEvents,
      targetQueue: 'register-lookups',
    }),
    eventRule({
      name: 'run-imports',
      description: 'Queued import steps go to the import worker',
      source: eventSources.accounts,
      detailTypes: importStepEvents,
      targetQueue: 'imports',
    }),
    eventRule({
      name: 'run-settings-jobs',
      description: 'Each move-customers step runs from its event',
      source: eventSources.accounts,
      detailTypes: moveCustomersEventTypes,
      targetQueue: 'settings-jobs',
    }),
    eventRule({
      name: 'sync-billing-to-supply-points',
      description: 'Account changes refresh the billing copy on its supply points',
      source: eventSources.accounts,
      detailTypes: ['AccountUpdated'],
      targetQueue: 'billing-sync',
    }),
    eventRule({
      name: 'follow-up-merges',
      description: 'A merged contact’s items move to the survivor',
      source: eventSources.accounts,
      detailTypes: ['ContactsMerged'],
      targetQueue: 'merge-follow-ups',
    }),
    eventRule({
      name: 'run-lead-pipeline',
      description: 'New, changed and engaged leads are scored and routed; routed ones nurtured',
      source: eventSources.sales,
      detailTypes: leadPipelineEvents,
      targetQueue: 'lead-pipeline',
    }),
    eventRule({
      name: 'make-contracts-from-accepted-offers',
      description: 'An accepted offer version becomes a draft contract',
      source: eventSources.sales,
      detailTypes: ['OfferAccepted'],
      targetQueue: 'contract-followups',
    }),
    eventRule({
      name: 'render-offer-documents',
      description: 'A sent offer version gets its PDF',
      source: eventSources.sales,
      detailTypes: ['OfferVersionSent'],
      targetQueue: 'offer-documents',
    }),
    eventRule({
      name: 'follow-up-contracts',
      description: 'Signed contracts start their supplier switches',
      source: eventSources.contracts,
      detailTypes: ['ContractSigned'],
      targetQueue: 'contract-followups',
    }),
    eventRule({
      name: 'send-contracts-for-signing',
      description: 'Contracts a user sent go to Signi',
      source: eventSources.contracts,
      detailTypes: ['ContractSendRequested'],
      targetQueue: 'contract-signing',
    }),
    eventRule({
      name: 'make-commissions',
      description: 'Signed contracts earn their commission; withdrawn and terminated ones claw it back',
      source: eventSources.contracts,
      detailTypes: ['ContractSigned', 'ContractWithdrawn', 'ContractTerminated'],
      targetQueue: 'commission-followups',
    }),
    eventRule({
      name: 'update-commission-statements',
      description: 'Commission events move the statements’ aggregates',
      source: eventSources.commissions,
      detailTypes: ['CommissionGenerated', 'CommissionInstalmentsChanged', 'CommissionClawedBack'],
      targetQueue: 'commission-reports',
    }),
    eventRule({
      name: 'build-data-sentence-exports',
      description: 'Requested data-sentence exports go to the export worker',
      source: eventSources.exports,
      detailTypes: ['ExportRequested'],
      targetQueue: 'data-sentence-exports',
    }),
    eventRule({
      name: 'send-newsletters',
      description: 'A newsletter whose sending starts or resumes is fanned out in pages of recipients',
      source: eventSources.newsletters,
      detailTypes: ['NewsletterSendStarted', 'NewsletterResumed'],
      targetQueue: 'newsletter-sends',
    }),
    {
      name: 'record-mail-feedback',
      description:
        'SES delivery events of the stack’s configuration sets: bounces, complaints, deliveries, opens, clicks',
      bus: 'default',
      ownMailOnly: true,
      sources: ['aws.ses'],
      detailTypes: [
        'Email Bounced',
        'Email Complaint Received',
        'Email Delivered',
        'Email Opened',
        'Email Clicked',
      ],
      targetQueue: 'mail-feedback',
    },
    {
      name: 'update-sales-reports',
      description: 'Deal and lead events move the forecast, win/loss and funnel aggregates',
      sources: [eventSources.sales],
      targetQueue: 'sales-reports',
    },
    eventRule({
      name: 'count-campaign-purchases',
      description: 'Signed contracts are the purchase step of their lead’s campaign',
      source: eventSources.contracts,
      detailTypes: ['ContractSigned'],
      targetQueue: 'sales-reports',
    }),
  ],
  schedules: [
    {
      name: 'contract-daily-jobs',
      description: 'Re-checks long-sent contracts, starts renewals, ends contracts and closes print batches',
      // 03:15 UTC: after midnight in Slovakia and Sweden, before the working day.
      expression: 'cron(15 3 * * ? *)',
      targetFunction: 'contract-jobs',
    },
    {
      name: 'commission-daily-jobs',
      description: 'Makes the commission instalments whose day has come due',
      // 03:30 UTC: after the contract jobs, before the working day.
      expression: 'cron(30 3 * * ? *)',
      targetFunction: 'commission-jobs',
    },
  ],
  mailReceipt: { queue: 'inbound-mail', prefix: 'inbound-mail/' },
  secrets: [
    { name: 'mapy-api-key', description: 'Mapy.cz API key for address verification' },
    {
      name: bolagsverketClientSecret,
      description: 'Bolagsverket OAuth client for company data, JSON { "clientId": …, "clientSecret": … }',
    },
    { name: signiApiKeySecret, description: 'Signi workspace API key for contract e-signatures' },
    {
      name: metaAppSecret,
      description: 'The Meta app secret that signs social webhooks (X-Hub-Signature-256)',
    },
    { name: metaVerifyToken, description: 'The verify token of the Meta webhook subscription handshake' },
    {
      name: unsubscribeSigningKeySecret,
      description: 'Signs the unsubscribe links of newsletter mails (HMAC-SHA256); made by the stack',
      generated: true,
    },
  ],
};
