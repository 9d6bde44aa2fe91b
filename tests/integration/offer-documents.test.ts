import { SESv2Client } from '@aws-sdk/client-sesv2';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import { PdfkitRenderer } from '#adapters/documents/pdfkit-renderer';
import { SesMailer } from '#adapters/messaging/ses-mailer';
import type { DocumentRenderer } from '#domain/contracts/contract-document';
import { ConflictError, NotFoundError } from '#domain/errors';
import { offerDocumentKey } from '#domain/sales/offers/offer-document';
import { offerDocumentRendering, offerDocumentRoutesServices } from '#runtime/offer-documents-services';
import type { Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { DynamoOfferDocumentStore } from '#table/sales/offer-document-store';
import type { SesLocalStore } from '../../lib/local/ses-local';
import { everyUserActive } from '../support/accounts-fakes';
import { localObjectStore } from '../support/attachment-files';
import { contractWorld } from '../support/contract-world';
import { freshTable } from '../support/local-table';

const sesEndpoint = inject('sesEndpoint');
const sender = { name: 'Tatra Energia – obchod', address: 'obchod@tatra.example' };

async function textOf(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text.replace(/\u00a0/g, ' ');
}

/** pdfkit, counting its renders. */
function countingRenderer(): DocumentRenderer & { renders: number } {
  const pdfkit = new PdfkitRenderer();
  const counting = {
    renders: 0,
    render: (document: Parameters<DocumentRenderer['render']>[0]) => {
      counting.renders += 1;
      return pdfkit.render(document);
    },
  };
  return counting;
}

async function errorOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error('expected an error, but the call succeeded');
}

describe('offer documents', () => {
  let table: Table;
  const objects = localObjectStore();
  const now = new Date('2026-12-04T09:00:00.000Z');
  const clock = { now: () => now };
  const overrides = { clock, users: everyUserActive };

  beforeAll(async () => {
    table = await freshTable();
  });

  /** A Slovak tenant with e-mail sender, whose seller sent version 1 of an offer over two supply points. */
  async function sentOffer() {
    const w = await contractWorld(table, clock);
    await new DynamoTenantDirectory(table).save({ ...w.profile, emailSender: sender });
    const made = await w.sales.offers.create(w.seller, w.dealId, { productId: w.productId });
    const offerId = made.value.offer.id;
    const sent = await w.sales.offers.send(w.seller, offerId, 1, made.value.offer.version);
    return { w, offerId, offerVersion: sent.offer.version };
  }

  const renderingWith = (renderer: DocumentRenderer) =>
    offerDocumentRendering({ table, objects, renderer }, overrides);
  const routes = () =>
    offerDocumentRoutesServices(
      {
        table,
        objects,
        mailer: new SesMailer(
          new SESv2Client({
            endpoint: sesEndpoint,
            region: 'eu-central-1',
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }),
        ),
      },
      overrides,
    );

  it('renders a sent version once: a redelivered event finds its document and renders nothing', async () => {
    // Prepare
    const { w, offerId } = await sentOffer();
    const renderer = countingRenderer();
    const documents = renderingWith(renderer);

    // Act
    const first = await documents.render(w.tenantId, offerId, 1);
    const again = await documents.render(w.tenantId, offerId, 1);

    // Assess
    expect(renderer.renders).toBe(1);
    expect(again).toEqual(first);
    expect(first).toMatchObject({
      key: offerDocumentKey(w.tenantId, offerId, 1),
      fileName: `offer-${offerId}-v1.pdf`,
      title: 'Cenová ponuka Fixná cena 24 – verzia 1',
      locale: 'sk',
      templateId: 'default-offer-sk',
    });
    expect((await objects.head(first.key))?.size).toBe(first.sizeBytes);
  });

  it('records a file stored by an attempt that failed before its record, without rendering it again', async () => {
    // Prepare: the first attempt stores the file, then its record's write fails.
    const { w, offerId } = await sentOffer();
    const renderer = countingRenderer();
    const failingRecord = vi
      .spyOn(DynamoOfferDocumentStore.prototype, 'record')
      .mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    // The prototype is shared with the test files that run after this one in the same process.
    onTestFinished(() => failingRecord.mockRestore());
    await expect(renderingWith(renderer).render(w.tenantId, offerId, 1)).rejects.toThrow(
      'ProvisionedThroughput',
    );
    const stored = await objects.head(offerDocumentKey(w.tenantId, offerId, 1));

    // Act: the redelivery.
    const document = await renderingWith(renderer).render(w.tenantId, offerId, 1);

    // Assess
    expect(renderer.renders).toBe(1);
    expect(document.sizeBytes).toBe(stored?.size);
  });

  it('gives each sent version its own document, and still renders a version superseded since it was sent', async () => {
    // Prepare: version 2 is sent after version 1, whose event arrives late.
    const { w, offerId, offerVersion } = await sentOffer();
    const added = await w.sales.offers.addVersion(w.seller, offerId, offerVersion, {
      productId: w.productId,
    });
    await w.sales.offers.send(w.seller, offerId, 2, added.offer.version);
    const documents = renderingWith(new PdfkitRenderer());

    // Act
    const second = await documents.render(w.tenantId, offerId, 2);
    const first = await documents.render(w.tenantId, offerId, 1);

    // Assess
    expect(first.key).not.toBe(second.key);
    expect(first.title).toContain('verzia 1');
    expect(second.title).toContain('verzia 2');
  });

  it('names each supply point’s saving in the stored PDF', async () => {
    // Prepare
    const { w, offerId } = await sentOffer();
    const document = await renderingWith(new PdfkitRenderer()).render(w.tenantId, offerId, 1);
    const { version } = await w.sales.offers.version(w.seller, offerId, 1);

    // Act
    const download = await routes().download(w.seller, offerId, 1);
    const text = await textOf(new Uint8Array(await (await fetch(download.url)).arrayBuffer()));

    // Assess: 40 000 and 50 000 kWh at 169,00 €/MWh + 15 € a month now, 149,90 € + 12,50 € offered.
    expect(download).toMatchObject({ fileName: document.fileName, sizeBytes: document.sizeBytes });
    expect(version.lines.map((l) => l.saving)).toEqual([79_400, 98_500]);
    for (const expected of [w.identifiers[0], w.identifiers[1], '794,00 €', '985,00 €', '1 779,00 €']) {
      expect(text).toContain(expected);
    }
  });

  it('answers 409 for a draft and while the document is not rendered, 404 to whoever may not see the offer', async () => {
    // Prepare
    const { w, offerId, offerVersion } = await sentOffer();
    await w.sales.offers.addVersion(w.seller, offerId, offerVersion, { productId: w.productId });
    const other = await contractWorld(table, clock);

    // Act
    const draft = await errorOf(routes().download(w.seller, offerId, 2));
    const pending = await errorOf(routes().download(w.seller, offerId, 1));
    const outsider = await errorOf(routes().download(w.outsider, offerId, 1));
    const otherTenant = await errorOf(routes().download(other.admin, offerId, 1));
    const renderDraft = await errorOf(renderingWith(new PdfkitRenderer()).render(w.tenantId, offerId, 2));

    // Assess
    expect(draft).toBeInstanceOf(ConflictError);
    expect(draft).toMatchObject({ code: 'invalid-state' });
    expect(pending).toMatchObject({
      code: 'missing-prerequisite',
      message: expect.stringContaining('being rendered'),
    });
    expect(outsider).toBeInstanceOf(NotFoundError);
    expect(otherTenant).toBeInstanceOf(NotFoundError);
    expect(renderDraft).toMatchObject({ code: 'invalid-state' });
  });

  it('e-mails the PDF, attached, to a contact of the account through the local SES', async () => {
    // Prepare
    const { w, offerId } = await sentOffer();
    const document = await renderingWith(new PdfkitRenderer()).render(w.tenantId, offerId, 1);

    // Act
    const { value: message } = await routes().email(w.seller, offerId, 1, { contactId: w.signerContactId });

    // Assess
    const store = (await (await fetch(`${sesEndpoint}/store`)).json()) as SesLocalStore;
    const mail = store.emails.find((e) => e.messageId === message.providerMessageId);
    expect(message).toMatchObject({ state: 'sent', contactId: w.signerContactId, subject: document.title });
    expect(mail?.destination.to).toEqual(['riaditelka@zs-hviezdoslavova.example']);
    expect(mail?.body.text).toContain('v prílohe Vám posielame našu cenovú ponuku');
    expect(
      mail?.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
    ).toEqual([{ filename: document.fileName, contentType: 'application/pdf', size: document.sizeBytes }]);
    const attached = Buffer.from(mail?.attachments[0]?.content ?? '', 'base64');
    expect(await textOf(attached)).toContain('794,00 €');
  });

  it('refuses to e-mail a contact of another account (404) and a deal without a contact when none is named (409)', async () => {
    // Prepare
    const { w, offerId } = await sentOffer();
    await renderingWith(new PdfkitRenderer()).render(w.tenantId, offerId, 1);
    const stranger = await w.crm.contacts.create(w.admin, {
      firstName: 'Ján',
      lastName: 'Cudzí',
      email: 'jan@cudzi.example',
    });

    // Act
    const elsewhere = await errorOf(routes().email(w.seller, offerId, 1, { contactId: stranger.value.id }));
    const nobody = await errorOf(routes().email(w.seller, offerId, 1, {}));

    // Assess
    expect(elsewhere).toBeInstanceOf(NotFoundError);
    expect(nobody).toMatchObject({ code: 'missing-prerequisite' });
  });
});
