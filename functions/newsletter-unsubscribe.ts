import { unsubscribeApi } from '#api/newsletters/unsubscribe-bindings';
import { environmentTable } from '#runtime/environment/table';
import { environmentUnsubscribeKey } from '#runtime/environment/unsubscribe-links';
import { httpFunction } from '#runtime/http-function';
import { unsubscribeService } from '#runtime/newsletters-services';

/** The public unsubscribe page and RFC 8058 one-click endpoint of newsletter mails. */
export const handler = httpFunction('newsletter-unsubscribe', () =>
  unsubscribeApi(unsubscribeService(environmentTable(), environmentUnsubscribeKey())),
);
