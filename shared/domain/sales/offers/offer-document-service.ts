import type { Readable } from 'node:stream';
import type { DocumentRenderer, FilledDocument } from '#domain/contracts/contract-document';
import type { ContractSettingsService } from '#domain/contracts/contract-settings-service';
import type { ContractSources } from '#domain/contracts/contract-sources';
import { fillWith } from '#domain/contracts/contract-template';
import { ConflictError, NotFoundError } from '#domain/errors';
import type { Message } from '#domain/messaging/message';
import type { MessagingService } from '#domain/messaging/messaging-service';
import type { Created, IdempotencyToken } from '#domain/ports';
import type { SalesActor } from '#domain/sales/sales-ports';
import { changeContext, type ServiceDeps } from '#domain/service-context';
import type { ObjectStore } from '#domain/storage/object-store';
import { offerTemplateFor } from './default-offer-templates';
import { type OfferVersion, todayIn } from './offer';
import {
  type OfferDocument,
  type OfferDocumentStore,
  offerDocumentFileName,
  offerDocumentKey,
} from './offer-document';
import {
  type OfferDocumentData,
  offerDocumentLines,
  offerLineValue,
  offerValue,
} from './offer-document-values';
import type { OfferService } from './offer-service';
import type { OfferStore } from './offer-store';

export interface OfferDocumentDeps extends ServiceDeps {
  /** The offers as stored, for the renderer, which acts for no user. */
  readonly offers: Pick<OfferStore, 'get'>;
  /** The offers as a user may see them (their deals), for downloads and e-mails. */
  readonly visibleOffers: Pick<OfferService, 'version'>;
  readonly documents: OfferDocumentStore;
  readonly sources: ContractSources;
  readonly settings: Pick<ContractSettingsService, 'ofTenant'>;
  readonly objects: ObjectStore;
  readonly renderer: DocumentRenderer;
  readonly messaging: Pick<MessagingService, 'sendEmail'>;
}

/** How long a download link of an offer document works. */
const downloadSeconds = 15 * 60;

export interface OfferDocumentDownload {
  readonly url: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly storedAt: string;
}

export interface OfferEmailRequest {
  /** Default: the deal's contact. Must be a contact of the offer's account. */
  readonly contactId?: string;
  /** Default: the document's title. */
  readonly subject?: string;
  /** Default: a line saying the offer is attached, in the document's language. */
  readonly text?: string;
}

const coverText: Readonly<Record<string, string>> = {
  sk: 'Dobrý deň,\n\nv prílohe Vám posielame našu cenovú ponuku.',
  sv: 'Hej,\n\nbifogat finns vår offert.',
  en: 'Hello,\n\nplease find our offer attached.',
};

/** A sent version is one with a send time: sent, accepted, or superseded after it was sent. */
const wasSent = (version: Pick<OfferVersion, 'sentAt'>) => version.sentAt !== undefined;

function notSent(offerId: string, number: number): ConflictError {
  return new ConflictError('invalid-state', `version ${number} of offer ${offerId} was never sent`, [
    { name: 'version', reason: `version ${number} is a draft: send it before it has a document` },
  ]);
}

async function bytesOf(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/**
 * Offer documents (R-SA-6): the PDF of a sent version, filled from the
 * tenant's offer template, stored once under the offer and the version and
 * never replaced; a link to download it; and one call that e-mails it to a
 * contact of the offer's account as an attachment, recorded on the
 * contact's timeline like any e-mail.
 */
export class OfferDocumentService {
  constructor(private readonly deps: OfferDocumentDeps) {}

  /**
   * The document of a sent version, rendered and stored when it has none.
   * A version superseded since it was sent still gets its own document: the
   * customer may hold it. Idempotent: a document recorded is returned as it
   * is; a file stored by an attempt that failed before its record is
   * recorded without rendering again.
   */
  async render(tenantId: string, offerId: string, number: number): Promise<OfferDocument> {
    const recorded = await this.deps.documents.get(tenantId, offerId, number);
    if (recorded) return recorded;
    const stored = await this.deps.offers.get(tenantId, offerId);
    const version = stored?.versions.find((v) => v.number === number);
    if (!stored || !version) throw new NotFoundError('version', `${number} of offer ${offerId}`);
    if (!wasSent(version)) throw notSent(offerId, number);

    const { filled, templateId } = await this.fill(
      tenantId,
      stored.offer.accountId,
      stored.offer.dealId,
      version,
    );
    const key = offerDocumentKey(tenantId, offerId, number);
    const sizeBytes = (await this.deps.objects.head(key))?.size ?? (await this.store(key, filled));
    return this.deps.documents.record({
      tenantId,
      offerId,
      versionNumber: number,
      key,
      fileName: offerDocumentFileName(offerId, number),
      title: filled.title,
      locale: filled.locale,
      templateId,
      sizeBytes,
      storedAt: this.deps.clock.now().toISOString(),
    });
  }

  /** A download link of a sent version's document; 409 while it is not rendered yet. */
  async download(actor: SalesActor, offerId: string, number: number): Promise<OfferDocumentDownload> {
    const { version } = await this.deps.visibleOffers.version(actor, offerId, number);
    const document = await this.recorded(actor.tenantId, offerId, version);
    const url = await this.deps.objects.presignDownload(document.key, document.fileName, downloadSeconds);
    return { url, fileName: document.fileName, sizeBytes: document.sizeBytes, storedAt: document.storedAt };
  }

  /**
   * E-mails the document, attached, to a contact of the offer's account
   * (the deal's contact unless another is named), through the messaging
   * module: the tenant's sender, the contact's address, the timeline's
   * record and its Idempotency-Key rules.
   */
  async email(
    actor: SalesActor,
    offerId: string,
    number: number,
    request: OfferEmailRequest,
    idempotency?: IdempotencyToken,
  ): Promise<Created<Message>> {
    const { offer, version } = await this.deps.visibleOffers.version(actor, offerId, number);
    const document = await this.recorded(actor.tenantId, offerId, version);
    const contactId = request.contactId ?? (await this.dealContact(actor.tenantId, offer.dealId));
    const { contacts } = await this.deps.sources.account(actor.tenantId, offer.accountId);
    if (!contacts.some((c) => c.id === contactId && c.deletedAt === undefined)) {
      throw new NotFoundError('contact', `${contactId} of the offer's account`);
    }
    const content = await bytesOf(await this.deps.objects.read(document.key));
    return this.deps.messaging.sendEmail(
      actor,
      contactId,
      {
        subject: request.subject ?? document.title,
        text: request.text ?? coverText[document.locale] ?? (coverText.en as string),
        attachments: [{ fileName: document.fileName, contentType: 'application/pdf', content }],
      },
      idempotency,
    );
  }

  /** The recorded document of a version the caller may see: 409 when never sent or not rendered yet. */
  private async recorded(
    tenantId: string,
    offerId: string,
    version: Pick<OfferVersion, 'number' | 'sentAt'>,
  ): Promise<OfferDocument> {
    const { number } = version;
    if (!wasSent(version)) throw notSent(offerId, number);
    const document = await this.deps.documents.get(tenantId, offerId, number);
    if (!document) {
      // As a contract's document before it is rendered (the contracts' `download`).
      throw new ConflictError(
        'missing-prerequisite',
        `the document of version ${number} of offer ${offerId} is being rendered; try again in a moment`,
        [{ name: 'version', reason: 'its document is not rendered yet' }],
      );
    }
    return document;
  }

  private async dealContact(tenantId: string, dealId: string): Promise<string> {
    const contactId = (await this.deps.sources.deal(tenantId, dealId))?.contactId;
    if (contactId) return contactId;
    throw new ConflictError(
      'missing-prerequisite',
      `deal ${dealId} names no contact; name one in contactId`,
      [{ name: 'contactId', reason: 'the deal has no contact to send the offer to' }],
    );
  }

  private async fill(tenantId: string, accountId: string, dealId: string, version: OfferVersion) {
    const ctx = await changeContext(this.deps, { tenantId, userId: 'offers' });
    const settings = await this.deps.settings.ofTenant(tenantId);
    const template = offerTemplateFor(settings, settings.locale);
    const [{ account, contacts, supplyPoints }, deal] = await Promise.all([
      this.deps.sources.account(tenantId, accountId),
      this.deps.sources.deal(tenantId, dealId),
    ]);
    const [address] = account?.addresses ?? [];
    const contact = contacts.find((c) => c.id === deal?.contactId);
    const data: OfferDocumentData = {
      version,
      sentOn: todayIn(new Date(version.sentAt as string), ctx.tenant.timeZone),
      customer: {
        name: account?.name ?? accountId,
        ...(account?.orgNumber ? { orgNumber: account.orgNumber } : {}),
        ...(address ? { address: `${address.street}, ${address.postcode} ${address.city}` } : {}),
      },
      ...(contact ? { contactName: `${contact.firstName} ${contact.lastName}` } : {}),
      supplier: { name: ctx.tenant.name },
      identifiers: new Map(supplyPoints.map((p) => [p.id, p.identifier])),
    };
    const filled = fillWith(template, {
      subject: 'offer',
      value: (name) => offerValue(name, data, template.locale),
      lines: offerDocumentLines(data),
      lineValue: (name, row) => offerLineValue(name, row, template.locale),
    });
    return { filled, templateId: template.id };
  }

  private async store(key: string, filled: FilledDocument): Promise<number> {
    const bytes = await this.deps.renderer.render(filled);
    await this.deps.objects.write(key, Buffer.from(bytes), 'application/pdf');
    return bytes.byteLength;
  }
}
