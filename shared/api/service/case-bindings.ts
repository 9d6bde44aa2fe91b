import { createdResult, idempotencyToken } from '#api/common/idempotent-create';
import type { Case } from '#domain/service/case';
import type { CasesServices } from '#domain/service/cases-services';
import { type BoundRoute, bind } from '#http/route';
import { caseRoutes as r } from './case-routes';

const versioned = (c: Case) => ({ body: c, version: c.version });

/** Maps each case route onto its service call; the caller acts with the roles of their token and the teams they are in. */
export function casesApi(s: CasesServices): BoundRoute[] {
  const actor = s.cases.actor.bind(s.cases);
  return [
    bind(r.openCase, async ({ caller, body, idempotency }) =>
      createdResult(await s.cases.open(await actor(caller), body, idempotencyToken('openCase', idempotency))),
    ),
    bind(r.listCases, async ({ caller, query: { limit, cursor, ...filter } }) => ({
      body: await s.cases.list(await actor(caller), filter, { limit, cursor }),
    })),
    bind(r.getCase, async ({ caller, params }) => {
      const view = await s.cases.view(await actor(caller), params.caseId);
      return { body: view, version: view.version };
    }),
    bind(r.updateCase, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.cases.update(await actor(caller), params.caseId, ifMatch as number, body)),
    ),
    bind(r.assignCase, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.cases.assign(await actor(caller), params.caseId, ifMatch as number, body)),
    ),
    bind(r.setCaseStatus, async ({ caller, params, body, ifMatch }) =>
      versioned(await s.cases.setStatus(await actor(caller), params.caseId, ifMatch as number, body.status)),
    ),
    bind(r.listCaseMessages, async ({ caller, params, query }) => ({
      body: await s.cases.messages(await actor(caller), params.caseId, query),
    })),
    bind(r.addCaseNote, async ({ caller, params, body }) => ({
      body: await s.cases.addNote(await actor(caller), params.caseId, body.text),
    })),
    bind(r.replyToCase, async ({ caller, params, body }) => ({
      body: await s.cases.reply(await actor(caller), params.caseId, body),
    })),
    bind(r.getCaseHistory, async ({ caller, params, query }) => ({
      body: await s.cases.history(await actor(caller), params.caseId, query),
    })),
    bind(r.getCaseFile, async ({ caller, params }) => ({
      body: await s.files.downloadUrl(await actor(caller), params.caseId, params.attachmentId),
    })),
    bind(r.myCases, async ({ caller, query }) => ({ body: await s.cases.mine(await actor(caller), query) })),
    bind(r.teamCaseQueue, async ({ caller, params, query }) => ({
      body: await s.cases.teamQueue(await actor(caller), params.teamId, query),
    })),
    bind(r.breachingCases, async ({ caller, query: { withinMinutes, ...page } }) => ({
      body: await s.cases.breaching(await actor(caller), withinMinutes, page),
    })),
    bind(r.getServiceSettings, async ({ caller }) => {
      const settings = await s.settings.ofTenant(caller.tenantId);
      return { body: settings, version: settings.version };
    }),
    bind(r.replaceServiceSettings, async ({ caller, body, ifMatch }) => {
      const settings = await s.settings.replace(caller, ifMatch as number, body);
      return { body: settings, version: settings.version };
    }),
    bind(r.listEntitlements, async ({ caller, params }) => ({
      body: { items: await s.entitlements.ofAccount(caller, params.accountId) },
    })),
    bind(r.addEntitlement, async ({ caller, params, body }) => ({
      body: await s.entitlements.add(caller, params.accountId, body),
    })),
    bind(r.removeEntitlement, async ({ caller, params }) => {
      await s.entitlements.remove(caller, params.accountId, params.entitlementId);
      return {};
    }),
    bind(r.listRejectedMail, async ({ caller, query }) => ({
      body: await s.rejectedMail.list(caller.tenantId, query),
    })),
  ];
}
