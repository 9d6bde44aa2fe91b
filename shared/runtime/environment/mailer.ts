import { SesMailer } from '#adapters/messaging/ses-mailer';
import type { Mailer } from '#domain/messaging/mailer';

let built: Mailer | undefined;

/** SES (aws-ses-v2-local on a laptop, through `AWS_ENDPOINT_URL_SESV2`), with `SES_CONFIGURATION_SET` if set. */
export function environmentMailer(): Mailer {
  built ??= SesMailer.fromEnvironment();
  return built;
}
