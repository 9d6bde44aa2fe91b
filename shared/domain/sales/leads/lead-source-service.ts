import { createHash } from 'node:crypto';
import { assertVersion, NotFoundError, UnauthenticatedError, ValidationError } from '#domain/errors';
import type { DomainEvent } from '#domain/events';
import type { Actor, Created, IdempotencyToken, Page, PageRequest } from '#domain/ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { Lead } from './lead';
import { newLeadEvent } from './lead-events';
import { applyLeadMapping, type LeadMapping, leadMappingPresets } from './lead-mapping';
import type { LeadService } from './lead-service';
import {
  createLeadSource,
  type LeadSource,
  type LeadSourceDraft,
  type LeadSourcePatch,
  updateLeadSource,
} from './lead-source';
import type { WebhookSecrets } from './webhook-secrets';
import { verifyWebhook } from './webhook-signature';

/** Persistence of lead sources; `route` is how a webhook finds the tenant from the source id alone. */
export interface LeadSourceStore {
  get(tenantId: string, sourceId: string): Promise<LeadSource | undefined>;
  /** The source and its webhook route in one transaction. */
  create(
    source: LeadSource,
    event: DomainEvent,
    idempotency?: IdempotencyToken,
  ): Promise<Created<LeadSource>>;
  update(previous: LeadSource, next: LeadSource, event: DomainEvent): Promise<void>;
  list(tenantId: string, page: PageRequest): Promise<Page<LeadSource>>;
  route(sourceId: string): Promise<string | undefined>;
}

export interface LeadSourceDeps extends ServiceDeps {
  readonly sources: LeadSourceStore;
  readonly secrets: WebhookSecrets;
  readonly leads: Pick<LeadService, 'create'>;
}

/** A new source with the one time its signing secret is shown. */
export interface NewLeadSource {
  readonly source: LeadSource;
  readonly signingSecret?: string;
}

export interface DeliveryInput {
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: string;
}

/** What one delivery did: the lead it made, or that it was already received. */
export interface DeliveryResult {
  readonly lead: Lead;
  readonly replayed: boolean;
}

/** The one detail of every refused delivery: an unknown source reads like a bad signature. */
const refused = 'the delivery is not signed by this lead source';

/** How long a delivery id is remembered: longer than any sender's retry schedule. */
export const deliveryRetentionSeconds = 7 * 24 * 3600;

/**
 * Lead sources and their webhook (R-SA-1). A delivery is accepted only when
 * it is signed with the source's secret (HMAC-SHA256 over id, timestamp and
 * raw body, Standard Webhooks) and its timestamp is within the source's
 * tolerance; anything else is a 401 with nothing written, and the same 401
 * for an unknown source, so the answer tells a stranger nothing. The
 * delivery id is the idempotency key of the lead's creation: a replay is
 * answered with the lead the first delivery made.
 */
export class LeadSourceService {
  constructor(private readonly deps: LeadSourceDeps) {}

  async create(
    actor: Actor,
    draft: Omit<LeadSourceDraft, 'mapping'> & { readonly mapping?: LeadMapping },
    idempotency?: IdempotencyToken,
  ): Promise<NewLeadSource> {
    const mapping = draft.mapping ?? (draft.preset ? leadMappingPresets[draft.preset] : undefined);
    if (!mapping) {
      const names = Object.keys(leadMappingPresets).join(', ');
      throw new ValidationError([
        {
          name: draft.preset ? 'preset' : 'mapping',
          reason: `give a mapping or one of the presets: ${names}`,
        },
      ]);
    }
    const ctx = await changeContext(this.deps, actor);
    const source = createLeadSource(this.deps.ids.next(), { ...draft, mapping }, ctx);
    const event = newLeadEvent(this.deps, ctx, 'LeadSourceCreated', {
      subject: subjectOf(source),
      data: { leadSource: source },
    });
    const created = await this.deps.sources.create(source, event, idempotency);
    // The secret is made after the source exists; a replay does not show it again (rotate instead).
    if (created.replayed) return { source: created.value };
    return {
      source: created.value,
      signingSecret: await this.deps.secrets.create(actor.tenantId, source.id),
    };
  }

  async get(actor: Actor, sourceId: string): Promise<LeadSource> {
    const source = await this.deps.sources.get(actor.tenantId, sourceId);
    if (!source) throw new NotFoundError('lead source', sourceId);
    return source;
  }

  list(actor: Actor, page: PageRequest): Promise<Page<LeadSource>> {
    return this.deps.sources.list(actor.tenantId, page);
  }

  async update(
    actor: Actor,
    sourceId: string,
    expectedVersion: number,
    patch: LeadSourcePatch,
  ): Promise<LeadSource> {
    const current = await this.get(actor, sourceId);
    assertVersion('lead source', current, expectedVersion);
    const ctx = await changeContext(this.deps, actor);
    const { source: next, changes } = updateLeadSource(current, patch, ctx);
    if (changes.length === 0) return current;
    const event = newLeadEvent(this.deps, ctx, 'LeadSourceUpdated', {
      subject: subjectOf(next),
      data: { leadSource: next },
      changes,
    });
    await this.deps.sources.update(current, next, event);
    return next;
  }

  /**
   * A new signing secret, shown once; the old one is accepted for another
   * day. A source whose secret was never made (Secrets Manager failed after
   * the source was written) gets its first one here.
   */
  async rotateSecret(actor: Actor, sourceId: string): Promise<string> {
    await this.get(actor, sourceId);
    try {
      return await this.deps.secrets.rotate(actor.tenantId, sourceId);
    } catch (error) {
      if (error instanceof NotFoundError) return this.deps.secrets.create(actor.tenantId, sourceId);
      throw error;
    }
  }

  async receive(sourceId: string, input: DeliveryInput): Promise<DeliveryResult> {
    const tenantId = await this.deps.sources.route(sourceId);
    if (!tenantId) throw new UnauthenticatedError(refused);
    const source = await this.deps.sources.get(tenantId, sourceId);
    if (!source?.active) throw new UnauthenticatedError(refused);
    const verified = verifyWebhook({
      secrets: await this.secretsOf(sourceId),
      headers: input.headers,
      rawBody: input.rawBody,
      now: this.deps.clock.now(),
      toleranceSeconds: source.toleranceSeconds,
    });
    // The reason stays with the error, not in the answer: a stranger learns nothing from the detail.
    if (!verified.ok) throw new UnauthenticatedError(refused, { cause: new Error(verified.reason) });

    const mapped = applyLeadMapping(source.mapping, parsed(input.rawBody));
    if ('invalid' in mapped) throw new ValidationError(mapped.invalid);
    const { attribution, ...fields } = mapped.fields;
    const campaign = attribution.campaign ?? source.defaultCampaign;
    const { value, replayed } = await this.deps.leads.create(
      { tenantId, userId: `lead-source:${sourceId}` },
      { ...fields, attribution: { ...attribution, ...(campaign ? { campaign } : {}), source: sourceId } },
      {
        operationId: 'receiveLeadWebhook',
        key: `${sourceId}:${verified.deliveryId}`,
        // A redelivery is the same body again; the same id with another body is a sender's fault, not a replay.
        requestHash: createHash('sha256').update(input.rawBody).digest('base64url'),
        reused: {
          code: 'delivery-id-reused',
          message: 'this webhook-id was delivered before with another body; give a new message a new id',
          field: 'webhook-id',
        },
        // A sender retries a failed delivery for days with the same id and a fresh timestamp.
        retentionSeconds: deliveryRetentionSeconds,
      },
    );
    return { lead: value, replayed };
  }

  /** The secrets a delivery may be signed with; a source without one accepts nothing (401, not 404). */
  private async secretsOf(sourceId: string): Promise<readonly string[]> {
    try {
      return await this.deps.secrets.read(sourceId);
    } catch (error) {
      if (error instanceof NotFoundError) throw new UnauthenticatedError(refused, { cause: error });
      throw error;
    }
  }
}

/** The delivery's JSON, read only once its signature holds. */
function parsed(rawBody: string): unknown {
  try {
    return JSON.parse(rawBody);
  } catch (error) {
    throw new ValidationError([{ name: 'body', reason: 'not valid JSON' }], { cause: error });
  }
}

const subjectOf = (source: LeadSource) => ({ type: 'leadSource' as const, id: source.id });
