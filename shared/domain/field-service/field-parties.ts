import type { Account } from '#domain/accounts/account';
import type { Contact } from '#domain/accounts/contact';
import type { SupplyPoint } from '#domain/energy/supply-point';
import type { SalesActor } from '#domain/sales/sales-ports';
import type { Case } from '#domain/service/case';
import type { StoredServiceSettings } from '#domain/service/case-store';

/** What field service reads of other modules; each answers undefined for what is missing or deleted. */
export interface FieldParties {
  /** A case as the actor may see it. */
  visibleCase(actor: SalesActor, caseId: string): Promise<Case | undefined>;
  supplyPoint(tenantId: string, supplyPointId: string): Promise<SupplyPoint | undefined>;
  account(tenantId: string, accountId: string): Promise<Account | undefined>;
  contact(tenantId: string, contactId: string): Promise<Contact | undefined>;
  /** An active user's name and roles. */
  user(
    tenantId: string,
    userId: string,
  ): Promise<{ readonly name: string; readonly roles: readonly string[] } | undefined>;
  settings(tenantId: string): Promise<StoredServiceSettings>;
  /** The tenant's active users with the technician role. */
  technicianIds(tenantId: string): Promise<ReadonlySet<string>>;
}
