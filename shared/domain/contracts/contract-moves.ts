import type { IdGenerator } from '#domain/ports';
import type { ChangeContext } from '#domain/stamps';
import type { Contract, ContractState } from './contract';
import { arrivalEvents, newContractEvent } from './contract-events';
import type { ContractStore, DueEntry } from './contract-store';
import { type ContractMove, moveContract, type TransitionActor } from './contract-transitions';

export const contractSubject = (contract: Pick<Contract, 'id' | 'accountId'>) => ({
  type: 'contract' as const,
  id: contract.id,
  accountId: contract.accountId,
});

/** The event that tells of a move: the arrival event of its new state, with the contract and the transition. */
export const moveEvent = (deps: { readonly ids: IdGenerator }, ctx: ChangeContext, move: ContractMove) =>
  newContractEvent(deps, ctx, arrivalEvents[move.contract.state], {
    subject: contractSubject(move.contract),
    data: { contract: move.contract, transition: move.transition },
  });

/** A move of `previous` to `to`, written with its transition, event and due-list changes. */
export async function commitMove(
  deps: { readonly ids: IdGenerator; readonly contracts: ContractStore },
  ctx: ChangeContext,
  previous: Contract,
  to: ContractState,
  actor: TransitionActor,
  options: {
    readonly changes?: Partial<Contract>;
    readonly reason?: string;
    readonly due?: readonly DueEntry[];
    readonly undue?: readonly DueEntry[];
    readonly callbackTokenHash?: string;
  } = {},
): Promise<Contract> {
  const move = moveContract(previous, to, actor, ctx.now, options.changes, options.reason);
  await deps.contracts.move(previous, move, moveEvent(deps, ctx, move), {
    due: options.due,
    undue: options.undue,
    callbackTokenHash: options.callbackTokenHash,
  });
  return move.contract;
}
