import { pickEvents } from '#domain/event-definition';
import { offerEvents } from '#domain/sales/offers/offer-events';
import { environmentObjects } from '#runtime/environment/objects';
import { environmentRenderer } from '#runtime/environment/renderer';
import { environmentTable } from '#runtime/environment/table';
import { offerDocumentRendering } from '#runtime/offer-documents-services';
import { domainEventConsumer } from '#runtime/queue-consumer';

const documents = offerDocumentRendering({
  table: environmentTable(),
  objects: environmentObjects(),
  renderer: environmentRenderer(),
});

/**
 * Renders and stores the PDF of each sent offer version, once: a
 * redelivered event, or one for a version superseded since, finds its
 * document recorded (or renders that version's own).
 */
export const handler = domainEventConsumer({
  serviceName: 'offer-documents',
  handles: pickEvents(offerEvents, ['OfferVersionSent']),
  handle: async (event) => {
    await documents.render(event.tenantId, event.data.offer.id, event.data.version.number);
  },
});
