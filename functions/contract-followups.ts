import { contractsServices } from '#runtime/contracts-services';
import { contractsEnvironment } from '#runtime/environment/contracts';
import { domainEventConsumer } from '#runtime/queue-consumer';

const { intake } = contractsServices(contractsEnvironment());

/** What follows from the sales and contract events: the draft contract of an accepted offer. */
export const handler = domainEventConsumer({
  serviceName: 'contract-followups',
  handles: ['OfferAccepted'],
  handle: async (event) => {
    await intake.fromAcceptedOffer({ tenantId: event.tenantId, userId: event.actor.userId }, event.data);
  },
});
