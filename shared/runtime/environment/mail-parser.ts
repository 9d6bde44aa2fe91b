import { PostalMimeParser } from '#adapters/mail/postal-mime-parser';
import type { MailParser } from '#domain/service/inbound-mail';

let built: MailParser | undefined;

/** postal-mime, once per container. */
export function environmentMailParser(): MailParser {
  built ??= new PostalMimeParser();
  return built;
}
