import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ChangeContext } from '#domain/stamps';
import type { Contract, StoredDocument } from './contract';
import type { ContractFiles } from './contract-files';
import type { ContractSettingsService } from './contract-settings-service';
import type { ContractDocuments } from './contract-signing';
import { fillTemplate } from './contract-template';
import { templateFor } from './default-templates';

export interface ContractDocumentDeps extends ServiceDeps {
  readonly settings: Pick<ContractSettingsService, 'ofTenant'>;
  readonly files: Pick<ContractFiles, 'storeDocument'>;
}

/**
 * A contract's document: the tenant's template for the contract's language
 * (a starting template when the tenant has none), filled from the contract
 * and the tenant, rendered and stored. A placeholder that cannot be filled
 * is a 422 naming it, before anything is stored.
 */
export class ContractDocumentService implements ContractDocuments {
  constructor(private readonly deps: ContractDocumentDeps) {}

  async render(contract: Contract, ctx?: ChangeContext): Promise<StoredDocument> {
    const context =
      ctx ?? (await changeContext(this.deps, { tenantId: contract.tenantId, userId: 'contracts' }));
    const settings = await this.deps.settings.ofTenant(contract.tenantId);
    const template = templateFor(settings, contract.locale);
    const filled = fillTemplate(template, {
      contract,
      supplier: { name: context.tenant.name },
    });
    return this.deps.files.storeDocument(contract, filled, context.now);
  }
}
