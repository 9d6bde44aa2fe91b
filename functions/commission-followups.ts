import { contractEvents } from '#domain/contracts/contract-events';
import { pickEvents } from '#domain/event-definition';
import { commissionsServices } from '#runtime/commissions-services';
import { environmentTable } from '#runtime/environment/table';
import { domainEventConsumer } from '#runtime/queue-consumer';

const { generator } = commissionsServices({ table: environmentTable() });

/**
 * Commissions from contract events (R-CM-1…R-CM-4): a signed contract earns
 * one commission set (a guard item makes redeliveries no-ops); a withdrawn or
 * terminated one claws it back.
 */
export const handler = domainEventConsumer({
  serviceName: 'commission-followups',
  handles: pickEvents(contractEvents, ['ContractSigned', 'ContractWithdrawn', 'ContractTerminated']),
  handle: async (event) => {
    if (event.type === 'ContractSigned') await generator.onSigned(event.data.contract);
    else await generator.onFellAway(event.data.contract);
  },
});
