import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import type { Contract } from '#domain/contracts/contract';
import type { ContractsServices } from '#domain/contracts/contracts-services';
import { type BoundRoute, bind } from '#http/route';
import { contractRoutes as r } from './contracts-routes';

const versioned = (contract: Contract) => ({ body: contract, version: contract.version });

/** Maps each contract route onto its domain service call; the caller acts with the roles of their token. */
export function contractsApi(s: ContractsServices): BoundRoute[] {
  return [
    bind(r.createDealContract, async ({ caller, params, body, idempotency }) =>
      createdResult(
        await s.intake.fromDeal(
          caller,
          params.dealId,
          body,
          idempotencyToken('createDealContract', idempotency),
        ),
      ),
    ),
    bind(r.listContracts, async ({ caller, query: { limit, cursor, state } }) => ({
      body: await s.contracts.list(caller, state, { limit, cursor }),
    })),
    bind(r.getContract, async ({ caller, params }) =>
      versioned(await s.contracts.get(caller, params.contractId)),
    ),
    bind(r.updateContractDraft, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.contracts.updateDraft(caller, params.contractId, ifMatch as number, body)),
    ),
    bind(r.getContractHistory, async ({ caller, params }) => ({
      body: { items: await s.contracts.history(caller, params.contractId) },
    })),
    bind(r.getContractDocument, async ({ caller, params }) => ({
      body: await s.contracts.download(caller, params.contractId),
    })),
    bind(r.sendContract, async ({ caller, params, ifMatch }) =>
      versioned(await s.signing.requestSend(caller, params.contractId, ifMatch as number)),
    ),
    bind(r.cancelContract, async ({ caller, params, body, ifMatch }) => {
      const current = await s.contracts.get(caller, params.contractId);
      const cancelled =
        current.state === 'sent'
          ? await s.signing.cancelSent(caller, params.contractId, ifMatch as number, body.reason)
          : await s.contracts.cancelDraft(caller, params.contractId, ifMatch as number, body.reason);
      return versioned(cancelled);
    }),
    bind(r.recordContractSigned, async ({ caller, params, ifMatch }) =>
      versioned(await s.signing.recordSigned(caller, params.contractId, ifMatch as number)),
    ),
    bind(r.activateContract, async ({ caller, params, body, ifMatch }) =>
      versioned(
        await s.contracts.activate(caller, params.contractId, ifMatch as number, body.supplyStartDate),
      ),
    ),
    bind(r.withdrawContract, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.contracts.withdraw(caller, params.contractId, ifMatch as number, body.reason)),
    ),
    bind(r.terminateContract, async ({ caller, params, body, ifMatch }) =>
      versioned(
        await s.contracts.terminate(caller, params.contractId, ifMatch as number, body.reason, body.endDate),
      ),
    ),
    bind(r.listPrintBatches, async ({ caller, query: { limit, cursor } }) => ({
      body: await s.printBatches.list(caller, { limit, cursor }),
    })),
    bind(r.downloadPrintBatch, async ({ caller, params }) => ({
      body: await s.printBatches.download(caller, params.day),
    })),
    bind(r.getContractSettings, async ({ caller }) => {
      const settings = await s.settings.ofTenant(caller.tenantId);
      return { body: settings, version: settings.version };
    }),
    bind(r.replaceContractSettings, async ({ caller, body, ifMatch }) => {
      const settings = await s.settings.replace(caller, ifMatch as number, body);
      return { body: settings, version: settings.version };
    }),
  ];
}
