import { newslettersApi } from '#api/newsletters/newsletters-bindings';
import { environmentMailer } from '#runtime/environment/mailer';
import { environmentSendStarts } from '#runtime/environment/send-starts';
import { environmentTable } from '#runtime/environment/table';
import { environmentUnsubscribeLinks } from '#runtime/environment/unsubscribe-links';
import { httpFunction } from '#runtime/http-function';
import { newsletterService } from '#runtime/newsletters-services';

/** Newsletters: drafts, test mails, the recipient review, sending, the suppression list and consent history. */
export const handler = httpFunction('newsletters-api', () =>
  newslettersApi(
    newsletterService({
      table: environmentTable(),
      mailer: environmentMailer(),
      links: environmentUnsubscribeLinks(),
      starts: environmentSendStarts(),
    }),
  ),
);
