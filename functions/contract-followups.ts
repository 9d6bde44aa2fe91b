import { contractsServices } from '#runtime/contracts-services';
import { contractsEnvironment } from '#runtime/environment/contracts';
import { domainEventConsumer } from '#runtime/queue-consumer';

const { intake, switches } = contractsServices(contractsEnvironment());

/**
 * What follows from the sales and contract events: the draft contract of an
 * accepted offer; the supplier switches of a signed contract. Each step is
 * idempotent, so a redelivered event changes nothing.
 */
export const handler = domainEventConsumer({
  serviceName: 'contract-followups',
  handles: ['OfferAccepted', 'ContractSigned'],
  handle: async (event) => {
    if (event.type === 'OfferAccepted') {
      await intake.fromAcceptedOffer({ tenantId: event.tenantId, userId: event.actor.userId }, event.data);
      return;
    }
    await switches.start(event.data.contract);
  },
});
