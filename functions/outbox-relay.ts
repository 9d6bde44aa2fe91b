import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { outboxRelayHandler } from '#runtime/outbox-relay';

/** Table stream (outbox inserts only, by the mapping's filter) → the domain event bus. */
export const handler = outboxRelayHandler(new EventBridgeClient({}), process.env.EVENT_BUS_NAME ?? 'default');
