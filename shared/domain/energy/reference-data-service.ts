import { assertVersion, ConflictError, NotFoundError, ValidationError } from '#domain/errors';
import { mergePatch } from '#domain/patch';
import type { Actor, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import { type BandTable, validateBandTable } from './consumption-bands';
import { newEnergyEvent } from './energy-events';
import { validateVolumeCoefficientTable } from './gas-conversion';
import type { GasConversionSettings, TerritoryAdminStore } from './stores';
import { editableTerritoryFields, type Territory, type TerritoryPatch } from './territory';

/** Where the tenant's tables are written; reads go through ReferenceTables. */
export interface ReferenceTablesWriter {
  saveBandTable(tenantId: string, table: BandTable): Promise<void>;
  saveGasConversion(tenantId: string, settings: GasConversionSettings): Promise<void>;
  bandTable(tenantId: string, commodity: string, customerType: string): Promise<BandTable | undefined>;
  gasConversion(tenantId: string): Promise<GasConversionSettings | undefined>;
}

/** Distribution territories, band tables and gas conversion: a tenant's energy reference data. */
export class ReferenceDataService {
  constructor(
    private readonly deps: ServiceDeps & {
      readonly territories: TerritoryAdminStore;
      readonly tables: ReferenceTablesWriter;
    },
  ) {}

  async createTerritory(actor: Actor, fields: Omit<Territory, 'version'>): Promise<Territory> {
    const ctx = await changeContext(this.deps, actor);
    const territory: Territory = {
      ...fields,
      code: fields.code.toUpperCase(),
      country: fields.country.toUpperCase(),
      version: 1,
    };
    const event = newEnergyEvent(this.deps, ctx, 'TerritoryCreated', {
      subject: { type: 'territory', id: territory.code },
      data: { territory },
    });
    try {
      await this.deps.territories.put(actor.tenantId, territory, event);
    } catch (error) {
      if (error instanceof ConflictError) {
        throw new ConflictError('already-exists', `territory ${territory.code} exists already`, [
          { name: 'code', reason: 'exists already' },
        ]);
      }
      throw error;
    }
    return territory;
  }

  async getTerritory(actor: Actor, code: string): Promise<Territory> {
    const territory = await this.deps.territories.get(actor.tenantId, code.toUpperCase());
    if (!territory) throw new NotFoundError('territory', code);
    return territory;
  }

  async updateTerritory(
    actor: Actor,
    code: string,
    expectedVersion: number,
    patch: TerritoryPatch,
  ): Promise<Territory> {
    const current = await this.getTerritory(actor, code);
    assertVersion('territory', { id: current.code, version: current.version }, expectedVersion);
    const { fields, changes } = mergePatch<Territory>(current, patch, editableTerritoryFields);
    if (changes.length === 0) return current;
    const ctx = await changeContext(this.deps, actor);
    const next: Territory = { ...fields, version: current.version + 1 };
    const event = newEnergyEvent(this.deps, ctx, 'TerritoryUpdated', {
      subject: { type: 'territory', id: current.code },
      data: { territory: next },
      changes,
    });
    await this.deps.territories.put(actor.tenantId, next, event, current.version);
    return next;
  }

  listTerritories(actor: Actor, page: PageRequest): Promise<Page<Territory>> {
    return this.deps.territories.list(actor.tenantId, page);
  }

  async saveBandTable(actor: Actor, table: BandTable): Promise<BandTable> {
    const invalid = validateBandTable(table);
    if (invalid.length > 0) throw new ValidationError(invalid);
    await this.deps.tables.saveBandTable(actor.tenantId, table);
    return table;
  }

  async bandTable(actor: Actor, commodity: string, customerType: string): Promise<BandTable> {
    const table = await this.deps.tables.bandTable(actor.tenantId, commodity, customerType);
    if (!table) throw new NotFoundError('band table', `${commodity}/${customerType}`);
    return table;
  }

  async saveGasConversion(actor: Actor, settings: GasConversionSettings): Promise<GasConversionSettings> {
    const invalid = validateVolumeCoefficientTable(settings.coefficients).map((f) => ({
      ...f,
      name: `coefficients.${f.name}`,
    }));
    if (invalid.length > 0) throw new ValidationError(invalid);
    await this.deps.tables.saveGasConversion(actor.tenantId, settings);
    return settings;
  }

  async gasConversion(actor: Actor): Promise<GasConversionSettings> {
    const settings = await this.deps.tables.gasConversion(actor.tenantId);
    if (!settings) throw new NotFoundError('gas conversion settings of tenant', actor.tenantId);
    return settings;
  }
}
