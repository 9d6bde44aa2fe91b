import type { ContactMergeService } from '#domain/accounts/contact-merge-service';
import { type BoundRoute, bind } from '#http/route';
import { mergeContactRoute } from './contact-merge-routes';

/** Maps the contact merge route onto its service (ADR 0032). */
export function contactMergeApi(merges: ContactMergeService): BoundRoute[] {
  return [
    bind(mergeContactRoute, async ({ caller, params, body, ifMatch }) => {
      const contact = await merges.merge(caller, params.contactId, ifMatch as number, body);
      return { body: contact, version: contact.version };
    }),
  ];
}
