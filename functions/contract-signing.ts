import { contractEvents } from '#domain/contracts/contract-events';
import { pickEvents } from '#domain/event-definition';
import { contractSigning } from '#runtime/contracts-services';
import { contractsEnvironment } from '#runtime/environment/contracts';
import { domainEventConsumer } from '#runtime/queue-consumer';

const signing = contractSigning(contractsEnvironment());

/**
 * Hands a sent contract to Signi. Signi down: the error stays on the
 * contract and the message comes back after the queue's visibility timeout.
 */
export const handler = domainEventConsumer({
  serviceName: 'contract-signing',
  handles: pickEvents(contractEvents, ['ContractSendRequested']),
  handle: (event) => signing.deliver(event.tenantId, event.data.contract.id),
});
