import type { EventName } from '#domain/event-catalogue';

/** What a metric reads of an event: its type and payload. */
type CountedEvent = { readonly type: string; readonly data?: unknown };

/** A business metric: a count the outbox relay publishes for each event of one type. */
export interface BusinessMetric {
  /** The CloudWatch metric name, in the stack's namespace. */
  readonly name: string;
  readonly event: EventName;
  readonly description: string;
  /** How much one event adds; one when absent. */
  readonly value?: (event: CountedEvent) => number;
  /** Only events this accepts count. */
  readonly when?: (event: CountedEvent) => boolean;
}

const consentSource = (event: CountedEvent): unknown => (event.data as { source?: unknown }).source;

/**
 * What the business dashboard shows. Counted where every event passes once on
 * its way to the bus (the outbox relay), so no module has to remember to count.
 */
export const businessMetrics: readonly BusinessMetric[] = [
  { name: 'LeadsReceived', event: 'LeadCreated', description: 'Leads received (API, webhook, web form)' },
  { name: 'LeadsConverted', event: 'LeadConverted', description: 'Leads converted to an account and deal' },
  { name: 'OffersAccepted', event: 'OfferAccepted', description: 'Offers the customer accepted' },
  { name: 'ContractsSent', event: 'ContractSent', description: 'Contracts sent for e-signature' },
  { name: 'ContractsSigned', event: 'ContractSigned', description: 'Contracts signed by every signer' },
  { name: 'ContractsDeclined', event: 'ContractDeclined', description: 'Contracts a signer declined' },
  { name: 'CommissionsGenerated', event: 'CommissionGenerated', description: 'Commissions generated' },
  { name: 'ExportsCompleted', event: 'ExportCompleted', description: 'Data exports completed' },
  { name: 'CasesOpened', event: 'CaseOpened', description: 'Customer service cases opened' },
  { name: 'CaseSlaBreaches', event: 'CaseSlaBreached', description: 'Case SLA targets breached' },
  { name: 'NewslettersSent', event: 'NewsletterSent', description: 'Newsletters whose sending finished' },
  {
    name: 'NewsletterMailsSent',
    event: 'NewsletterSent',
    description: 'Mails of finished newsletters that SES accepted',
    value: (event) => Number((event.data as { sent?: unknown }).sent ?? 0),
  },
  {
    name: 'Unsubscribes',
    event: 'NewsletterConsentWithdrawn',
    description: 'Contacts who unsubscribed (one-click or the unsubscribe page)',
    when: (event) => ['one-click', 'unsubscribe-page'].includes(String(consentSource(event))),
  },
  {
    name: 'Bounces',
    event: 'NewsletterConsentWithdrawn',
    description: 'Newsletter consents a permanent bounce withdrew (one per contact whose address bounced)',
    when: (event) => consentSource(event) === 'bounce',
  },
  {
    name: 'Complaints',
    event: 'NewsletterConsentWithdrawn',
    description: 'Newsletter consents a complaint withdrew (one per contact who complained)',
    when: (event) => consentSource(event) === 'complaint',
  },
];

/** The business metrics one event adds to, with how much. */
export function businessMetricsOf(event: CountedEvent): { readonly name: string; readonly value: number }[] {
  return businessMetrics
    .filter((metric) => metric.event === event.type && (metric.when?.(event) ?? true))
    .map((metric) => ({ name: metric.name, value: metric.value?.(event) ?? 1 }))
    .filter((metric) => Number.isFinite(metric.value) && metric.value > 0);
}

/** Counted by the relay for each event on the bus: its throughput, beside its iterator age. */
export const eventsRelayedMetric = 'EventsRelayed';

/** Every stack's metrics in a namespace of its own, so a staging stack's never mix with production's. */
export const metricsNamespace = (stackName: string): string => `Gridline/${stackName}`;
