import { ConflictError } from '#domain/errors';
import type { Contract, ContractState, ContractTransition, TransitionActorKind } from './contract';

/**
 * The contract's life (R-CO-2):
 *
 *   draft ─send→ sent ─→ signed | declined | expired
 *   draft | sent ─cancel→ cancelled
 *   signed ─supply starts→ active ─term reached→ ended
 *   signed | active ─within the withdrawal period→ withdrawn
 *   signed | active ─terminate→ terminated
 *
 * `declined`, `expired`, `cancelled`, `withdrawn`, `terminated` and `ended`
 * are final. Who may make a move is the service's business; this table says
 * only which moves exist.
 */
const moves: Readonly<Record<ContractState, readonly ContractState[]>> = {
  draft: ['sent', 'cancelled'],
  sent: ['signed', 'declined', 'expired', 'cancelled'],
  signed: ['active', 'withdrawn', 'terminated'],
  active: ['ended', 'withdrawn', 'terminated'],
  declined: [],
  expired: [],
  cancelled: [],
  withdrawn: [],
  terminated: [],
  ended: [],
};

export const finalStates: readonly ContractState[] = Object.entries(moves)
  .filter(([, to]) => to.length === 0)
  .map(([from]) => from as ContractState);

export const canMove = (from: ContractState, to: ContractState): boolean => moves[from].includes(to);

export interface TransitionActor {
  readonly kind: TransitionActorKind;
  readonly id: string;
}

/** A user moving a contract by a request of theirs. */
export const byUser = (actor: { readonly userId: string }): TransitionActor => ({
  kind: 'user',
  id: actor.userId,
});

export interface ContractMove {
  readonly contract: Contract;
  readonly transition: ContractTransition;
}

/**
 * The contract moved to `to` at `at`, with the record of the move. The
 * contract's version grows by one; the transition is numbered by it, so the
 * history sorts in order and two moves racing cannot both be written.
 */
export function moveContract(
  contract: Contract,
  to: ContractState,
  actor: TransitionActor,
  at: Date,
  changes: Partial<Contract> = {},
  reason?: string,
): ContractMove {
  if (!canMove(contract.state, to)) {
    throw new ConflictError('invalid-state', `a ${contract.state} contract cannot become ${to}`);
  }
  const when = at.toISOString();
  const moved: Contract = {
    ...contract,
    ...changes,
    state: to,
    stateChangedAt: when,
    updatedAt: when,
    updatedBy: actor.id,
    version: contract.version + 1,
  };
  return {
    contract: moved,
    transition: {
      contractId: contract.id,
      version: moved.version,
      at: when,
      from: contract.state,
      to,
      actor,
      ...(reason ? { reason } : {}),
    },
  };
}
