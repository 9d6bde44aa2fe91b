import * as z from 'zod';
import { entity, eventFactory, eventsOf } from '#domain/event-definition';
import { eventSources } from '#domain/service-context';
import type { Contract, ContractTransition } from './contract';

const contracts = eventsOf(eventSources.contracts);

/**
 * Each event carries the whole contract after the change: the account as
 * contracted, the deal with its participants and shares, the supply points
 * with their annual consumption and the product and prices, so commissions
 * and exports need no extra reads.
 */
const contract = entity<Contract>('Contract');
const transition = entity<ContractTransition>('ContractTransition', { key: 'to' });
const moved = z.object({ contract, transition });

/** Contracts, from the accepted offer to the end of supply. */
export const contractEvents = {
  ContractCreated: contracts({
    when: 'a draft contract is made from an accepted offer version or by hand from a deal',
    subjects: ['contract'],
    data: moved,
  }),
  ContractDraftChanged: contracts({
    when: 'a user changed a draft: its requested start, communication, term or signing persons',
    subjects: ['contract'],
    data: z.object({ contract }),
  }),
  ContractSendRequested: contracts({
    when: 'a user sends an electronic contract for e-signature; the signing worker takes it from here',
    subjects: ['contract'],
    data: z.object({ contract, attempt: z.int().positive() }),
  }),
  ContractSent: contracts({
    when: 'the e-signature provider accepted the document, or a paper contract went to the print batch',
    subjects: ['contract'],
    data: moved,
  }),
  ContractSigned: contracts({
    when: 'every signing person signed (provider state re-read), or a user recorded a paper contract signed',
    subjects: ['contract'],
    data: moved,
  }),
  ContractDeclined: contracts({
    when: 'a signing person rejected the contract at the e-signature provider',
    subjects: ['contract'],
    data: moved,
  }),
  ContractExpired: contracts({
    when: 'the contract was not signed in time at the e-signature provider',
    subjects: ['contract'],
    data: moved,
  }),
  ContractCancelled: contracts({
    when: 'a user cancelled a draft or sent contract (withdrawn at the provider too)',
    subjects: ['contract'],
    data: moved,
  }),
  ContractActivated: contracts({
    when: 'the supply under a signed contract started',
    subjects: ['contract'],
    data: moved,
  }),
  ContractWithdrawn: contracts({
    when: 'the customer withdrew within the withdrawal period',
    subjects: ['contract'],
    data: moved,
  }),
  ContractTerminated: contracts({
    when: 'a signed or active contract was terminated, with a reason and its last day of supply',
    subjects: ['contract'],
    data: moved,
  }),
  ContractEnded: contracts({
    when: 'a fixed-term contract reached its last day',
    subjects: ['contract'],
    data: moved,
  }),
  ContractSettingsChanged: contracts({
    when: 'an admin replaced the tenant’s contract rules',
    subjects: ['setting'],
    data: z.object({ version: z.int().positive() }),
  }),
  ContractRenewalStarted: contracts({
    when: 'a fixed-term contract nears its end: a renewal deal and a task for its owner were made',
    subjects: ['contract'],
    data: z.object({ contract, renewalDealId: z.string().min(1) }),
  }),
};

export const newContractEvent = eventFactory(contractEvents);

/** The event each state's arrival emits. */
export const arrivalEvents = {
  draft: 'ContractCreated',
  sent: 'ContractSent',
  signed: 'ContractSigned',
  declined: 'ContractDeclined',
  expired: 'ContractExpired',
  cancelled: 'ContractCancelled',
  active: 'ContractActivated',
  withdrawn: 'ContractWithdrawn',
  terminated: 'ContractTerminated',
  ended: 'ContractEnded',
} as const satisfies Record<Contract['state'], keyof typeof contractEvents>;
