import { contractEvents } from '#domain/contracts/contract-events';
import { pickEvents } from '#domain/event-definition';
import { offerEvents } from '#domain/sales/offers/offer-events';
import { contractFollowups } from '#runtime/contracts-services';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';

const { intake, switches } = contractFollowups({ table: environmentTable() });

/**
 * What follows from the sales and contract events: the draft contract of an
 * accepted offer; the supplier switches of a signed contract. Each step is
 * idempotent, so a redelivered event changes nothing.
 */
export const handler = domainEventConsumer({
  serviceName: 'contract-followups',
  handles: {
    ...pickEvents(offerEvents, ['OfferAccepted']),
    ...pickEvents(contractEvents, ['ContractSigned']),
  },
  handle: async (event) => {
    if (event.type === 'OfferAccepted') {
      await intake.fromAcceptedOffer({ tenantId: event.tenantId, userId: event.actor.userId }, event.data);
      return;
    }
    await switches.start(event.data.contract);
  },
});
