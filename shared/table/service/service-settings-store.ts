import type { DomainEvent } from '#domain/events';
import type { ServiceSettingsStore, StoredServiceSettings } from '#domain/service/case-store';
import { commitChange } from '#table/core/commit-change';
import type { Table } from '#table/core/table';
import { deleteItem, type TransactItem } from '#table/core/transact';
import { channelRouteEntity, serviceSettingsEntity } from './entities';

type RouteKind = 'MAILBOX' | 'FORM' | 'PAGE';

/** The channel addresses a tenant's settings claim. */
function routesOf(
  settings: StoredServiceSettings | undefined,
): Map<string, { kind: RouteKind; address: string }> {
  const routes = new Map<string, { kind: RouteKind; address: string }>();
  const add = (kind: RouteKind, address: string) => routes.set(`${kind}#${address}`, { kind, address });
  if (settings?.mailbox) add('MAILBOX', settings.mailbox.address);
  for (const key of settings?.webFormKeys ?? []) add('FORM', key);
  for (const page of settings?.socialPages ?? []) add('PAGE', `${page.platform}:${page.pageId}`);
  return routes;
}

export class DynamoServiceSettingsStore implements ServiceSettingsStore {
  constructor(private readonly table: Table) {}

  get(tenantId: string): Promise<StoredServiceSettings | undefined> {
    return serviceSettingsEntity.get(this.table, { tenantId });
  }

  /**
   * The settings with their channel routes: new addresses are claimed
   * (refused when another tenant holds one), dropped ones released, in one
   * transaction.
   */
  async replace(
    next: StoredServiceSettings,
    previous: StoredServiceSettings | undefined,
    event: DomainEvent,
  ): Promise<void> {
    const before = routesOf(previous);
    const after = routesOf(next);
    const claims = [...after].filter(([k]) => !before.has(k)).map(([, r]) => r);
    const releases = [...before].filter(([k]) => !after.has(k)).map(([, r]) => r);
    const claim = (r: { kind: RouteKind; address: string }): TransactItem => ({
      Put: {
        TableName: this.table.name,
        Item: channelRouteEntity.item({ tenantId: next.tenantId }, { key: r }),
        ConditionExpression: 'attribute_not_exists(pk) OR tenantId = :tenant',
        ExpressionAttributeValues: { ':tenant': next.tenantId },
      },
    });
    await commitChange(this.table, {
      resource: 'service settings',
      id: next.tenantId,
      item: serviceSettingsEntity.item(next, { key: { tenantId: next.tenantId } }),
      ...(previous ? { expectedVersion: previous.version } : {}),
      extra: [
        ...claims.map(claim),
        ...releases.map((r) => deleteItem(this.table, channelRouteEntity.key(r))),
      ],
      extraConflict: {
        code: 'already-exists',
        message: 'another tenant already uses this mailbox, web form key or social page',
      },
      event,
    });
  }
}

/** Which tenant a channel's address belongs to. */
export class DynamoChannelRoutes {
  constructor(private readonly table: Table) {}

  private async tenantOf(kind: RouteKind, address: string) {
    return (await channelRouteEntity.get(this.table, { kind, address }, 'eventual'))?.tenantId;
  }

  tenantOfMailbox(address: string) {
    return this.tenantOf('MAILBOX', address.trim().toLowerCase());
  }

  tenantOfForm(formKey: string) {
    return this.tenantOf('FORM', formKey);
  }

  tenantOfPage(platform: string, pageId: string) {
    return this.tenantOf('PAGE', `${platform}:${pageId}`);
  }
}
