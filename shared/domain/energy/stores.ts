import type { DomainEvent } from '#domain/events';
import type { Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import type { BandTable } from './consumption-bands';
import type { VolumeCoefficientTable } from './gas-conversion';
import type { SupplyPoint } from './supply-point';
import type { Territory } from './territory';

export interface SupplyPointStore {
  get(tenantId: string, supplyPointId: string): Promise<SupplyPoint | undefined>;
  create(
    supplyPoint: SupplyPoint,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<SupplyPoint>>;
  /** Fails with VersionMismatchError when the stored version is not `previous.version`. */
  update(previous: SupplyPoint, next: SupplyPoint, event: DomainEvent): Promise<void>;
  /** All supply points of an account, in one Query of its collection. */
  ofAccount(tenantId: string, accountId: string, page: PageRequest): Promise<Page<SupplyPoint>>;
}

export interface TerritoryAdminStore {
  get(tenantId: string, code: string): Promise<Territory | undefined>;
  put(tenantId: string, territory: Territory, event: DomainEvent, expectedVersion?: number): Promise<void>;
  list(tenantId: string, page: PageRequest): Promise<Page<Territory>>;
}

/** Gas volume conversion settings of a tenant (R-SP-2). */
export interface GasConversionSettings {
  /** Gross calorific value in kWh/m³, a decimal string such as `10.555`. */
  readonly grossCalorificValue: string;
  readonly coefficients: VolumeCoefficientTable;
}

/** The tenant tables that derive a supply point's parameters. */
export interface ReferenceTables {
  bandTable(tenantId: string, commodity: string, customerType: string): Promise<BandTable | undefined>;
  gasConversion(tenantId: string): Promise<GasConversionSettings | undefined>;
}
