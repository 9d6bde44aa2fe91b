import { createdResult, idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import { jobView, type MoveCustomersJob } from '#domain/settings/job';
import type { SettingDraft, SettingPatch } from '#domain/settings/setting';
import type { SettingKind } from '#domain/settings/settings-lookup';
import type { SettingsServices } from '#domain/settings/settings-services';
import type { SettingFilter } from '#domain/settings/stores';
import { type BoundRoute, bind, type RouteContract } from '#http/route';
import { settingExtraRoutes as extra, settingRoutesByKind } from './settings-routes';

/** A started job: 202, where to follow it, and the job as clients see it. */
const accepted = (result: { value: MoveCustomersJob; replayed: boolean }) => ({
  status: 202,
  body: jobView(result.value),
  headers: {
    location: `/v1/jobs/${result.value.id}`,
    ...replayHeaders(result.replayed),
  },
});

interface CrudContracts {
  readonly create: RouteContract;
  readonly list: RouteContract;
  readonly get: RouteContract;
  readonly update: RouteContract;
  readonly remove: RouteContract;
}

type Query = {
  limit: number;
  cursor?: string;
  appliesTo?: 'account' | 'contact';
  active?: string;
  parentId?: string;
};

function filterOf(query: Query): SettingFilter {
  return {
    ...(query.appliesTo ? { appliesTo: query.appliesTo } : {}),
    ...(query.active ? { active: query.active === 'true' } : {}),
    ...(query.parentId ? { parentId: query.parentId === 'root' ? null : query.parentId } : {}),
  };
}

/** The create, list, read, update and delete of one kind; the bodies were checked by the kind's schemas. */
function crudApi(s: SettingsServices, kind: SettingKind, routes: CrudContracts): BoundRoute[] {
  const idOf = (params: unknown) => Object.values(params as Record<string, string>)[0] as string;
  return [
    bind(routes.create, async ({ caller, body, idempotency }) =>
      createdResult(
        await s.settings.create(
          caller,
          kind,
          body as SettingDraft<typeof kind>,
          idempotencyToken(routes.create.operationId, idempotency),
        ),
      ),
    ),
    bind(routes.list, async ({ caller, query }) => {
      const q = query as Query;
      return { body: await s.settings.list(caller, kind, filterOf(q), { limit: q.limit, cursor: q.cursor }) };
    }),
    bind(routes.get, async ({ caller, params }) => {
      const id = idOf(params);
      const setting = await s.settings.get(caller, kind, id);
      const body =
        kind === 'user-group' ? { ...setting, path: await s.settings.groupPath(caller, id) } : setting;
      return { body, version: setting.version };
    }),
    bind(routes.update, async ({ caller, params, body, ifMatch }) => {
      const setting = await s.settings.update(
        caller,
        kind,
        idOf(params),
        ifMatch as number,
        body as SettingPatch<typeof kind>,
      );
      return { body: setting, version: setting.version };
    }),
    bind(routes.remove, async ({ caller, params, query, ifMatch, idempotency }) => {
      const replaceWith = (query as { replaceWith?: string }).replaceWith;
      if (kind === 'industry' && replaceWith !== undefined) {
        return accepted(
          await s.moveCustomers.request(
            caller,
            idOf(params),
            replaceWith,
            { deleteSource: true, toField: 'replaceWith', expectedVersion: ifMatch },
            idempotencyToken(routes.remove.operationId, idempotency),
          ),
        );
      }
      await s.settings.remove(caller, kind, idOf(params), ifMatch);
      return {};
    }),
  ];
}

/** Maps each settings route onto its domain service call. */
export function settingsApi(s: SettingsServices): BoundRoute[] {
  return [
    ...Object.entries(settingRoutesByKind).flatMap(([kind, routes]) =>
      crudApi(s, kind as SettingKind, routes as unknown as CrudContracts),
    ),
    bind(extra.reorderStatusTypes, async ({ caller, body }) => ({
      body: { items: await s.settings.reorder(caller, 'status-type', body.ids) },
    })),
    bind(extra.reorderDealStages, async ({ caller, body }) => ({
      body: { items: await s.settings.reorder(caller, 'deal-stage', body.ids) },
    })),
    bind(extra.moveCustomers, async ({ caller, params, body, idempotency }) =>
      accepted(
        await s.moveCustomers.request(
          caller,
          params.industryId,
          body.toIndustryId,
          {},
          idempotencyToken('moveCustomers', idempotency),
        ),
      ),
    ),
    bind(extra.getJob, async ({ caller, params }) => {
      const job = await s.moveCustomers.get(caller, params.jobId);
      return { body: jobView(job), version: job.version };
    }),
  ];
}
