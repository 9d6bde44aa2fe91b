import type { ActivityScheduler } from '#domain/activities/scheduler';
import type { DocumentRenderer } from '#domain/contracts/contract-document';
import type { ESignature } from '#domain/contracts/e-signature';
import type { Geocoder } from '#domain/geocoding/geocoder';
import type { Mailer } from '#domain/messaging/mailer';
import type { SmsSender } from '#domain/messaging/sms-sender';
import type { WebhookSecrets } from '#domain/sales/leads/webhook-secrets';
import type { CaseTimerScheduler } from '#domain/service/case-timers';
import type { MailParser } from '#domain/service/inbound-mail';
import type { ObjectStore } from '#domain/storage/object-store';
import type { UserDirectory } from '#domain/users/user-directory';
import type { Table } from '#table/core/table';

/**
 * What a module's services take from where they run: the table and the
 * adapters to outside services. Each module's root names the parts it uses
 * (`Pick<Environment, 'table' | 'objects'>`); a test passes its own, a
 * function the ones of `environment/`, where each part's adapter (AWS, or
 * the local runtime's stand-in) is chosen from the environment variables and
 * built once. One file per part, so that a function's bundle holds only the
 * adapters it uses.
 */
export interface Environment {
  readonly table: Table;
  readonly objects: ObjectStore;
  readonly scheduler: ActivityScheduler;
  /** One-off schedules of the cases' SLA clocks. */
  readonly caseTimers: CaseTimerScheduler;
  readonly directory: UserDirectory;
  readonly mailer: Mailer;
  readonly sms: SmsSender;
  readonly geocoder: Geocoder;
  readonly webhookSecrets: WebhookSecrets;
  /** Signi, or its local stand-in. */
  readonly eSignature: ESignature;
  /** Reads the raw customer mail SES receipt stores. */
  readonly mailParser: MailParser;
  /** Renders contract documents to PDF. */
  readonly renderer: DocumentRenderer;
  /** Our public URL Signi calls back, without the token. */
  readonly signingCallbackUrl: string;
}
