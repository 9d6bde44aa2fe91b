import type { MessagingService } from './messaging-service';

/** What the messaging module offers: e-mail and SMS to contacts. */
export interface MessagingServices {
  readonly messaging: MessagingService;
}
