import { idempotencyToken, replayHeaders } from '#api/common/idempotent-create';
import type { ConversionService } from '#domain/sales/leads/conversion-service';
import { manualSource } from '#domain/sales/leads/lead';
import type { LeadService } from '#domain/sales/leads/lead-service';
import { type BoundRoute, bind } from '#http/route';
import { leadRoutes as r } from './leads-routes';

/** Maps each lead route onto its domain service call. */
export function leadsApi(s: { leads: LeadService; conversions: ConversionService }): BoundRoute[] {
  return [
    bind(r.createLead, async ({ caller, body, idempotency }) => {
      const { attribution, ...fields } = body;
      const { value, replayed } = await s.leads.create(
        caller,
        { ...fields, attribution: { ...attribution, source: manualSource } },
        idempotencyToken('createLead', idempotency),
      );
      return { body: value, version: value.version, headers: replayHeaders(replayed) };
    }),
    bind(r.listLeads, async ({ caller, query: { stage, ownerId, limit, cursor } }) => {
      const owner = ownerId === '-' ? undefined : ownerId;
      const page = await s.leads.list(
        caller,
        { stage, ownerId: owner, unassigned: ownerId === '-' },
        { limit, cursor },
      );
      return { body: page };
    }),
    bind(r.getLead, async ({ caller, params }) => {
      const lead = await s.leads.get(caller, params.leadId);
      return { body: lead, version: lead.version };
    }),
    bind(r.updateLead, async ({ caller, params, body, ifMatch }) => {
      const current = await s.leads.get(caller, params.leadId);
      const { attribution, ...fields } = body;
      const lead = await s.leads.update(caller, params.leadId, ifMatch as number, {
        ...fields,
        attribution: { ...attribution, source: current.attribution.source },
      });
      return { body: lead, version: lead.version };
    }),
    bind(r.moveLead, async ({ caller, params, body, ifMatch }) => {
      const lead = await s.leads.move(caller, params.leadId, ifMatch as number, body.stage, body.reason);
      return { body: lead, version: lead.version };
    }),
    bind(r.assignLead, async ({ caller, params, body, ifMatch }) => {
      const lead = await s.leads.assign(caller, params.leadId, ifMatch as number, body.ownerId ?? undefined);
      return { body: lead, version: lead.version };
    }),
    bind(r.recordLeadEngagement, async ({ caller, params, body }) => {
      const lead = await s.leads.recordEngagement(caller, params.leadId, body.kind);
      return { body: lead, version: lead.version };
    }),
    bind(r.convertLead, async ({ caller, params, body, ifMatch, idempotency }) => {
      const { value, replayed } = await s.conversions.convert(
        caller,
        params.leadId,
        ifMatch as number,
        body,
        idempotencyToken('convertLead', idempotency),
      );
      return { body: value, headers: replayHeaders(replayed) };
    }),
  ];
}
