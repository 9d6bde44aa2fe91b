import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '#domain/contracts/template-format';
import type { LocalRuntime } from '../../lib/local/runtime';
import type { SesLocalStore } from '../../lib/local/ses-local';
import { eic } from '../support/contract-world';
import { clientFor, startTestRuntime, tokenFor } from '../support/runtime';

type Client = ReturnType<typeof clientFor>;

const ifMatch = (etag: string | null) => ({ 'if-match': etag ?? '' });
const tenantId = 'tatra';

async function pdfTextAt(url: string): Promise<string> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const { text } = await extractText(await getDocumentProxy(bytes), { mergePages: true });
  return text;
}

interface Line {
  readonly supplyPointId: string;
  readonly saving: number;
  readonly currentAnnualCost: number;
  readonly offeredAnnualCost: number;
}

describe('offer documents, end to end through the local runtime', () => {
  let runtime: LocalRuntime;
  let admin: Client;
  let seller: Client;

  beforeAll(async () => {
    runtime = await startTestRuntime({ demoContracts: true });
    admin = clientFor(runtime, runtime.tenants.find((t) => t.id === tenantId)?.adminToken as string);
    seller = clientFor(runtime, await tokenFor(runtime, tenantId, 'sales'));
  });
  afterAll(() => runtime.stop());

  /** A business with a contact and two supply points, and a seller's deal over both. */
  async function dealWithTwoSupplyPoints() {
    const account = await admin.post('/v1/accounts', {
      name: 'Gymnázium Jura Hronca',
      customerType: 'B2B',
      addresses: [
        { kind: 'visiting', street: 'Novohradská 3', postcode: '821 09', city: 'Bratislava', country: 'SK' },
      ],
    });
    const contact = await admin.post('/v1/contacts', {
      firstName: 'Peter',
      lastName: 'Sloboda',
      email: 'riaditel@gjh.example',
      accountId: account.body.id,
      isSigningPerson: true,
    });
    const identifiers = [eic(), eic()];
    for (const [i, identifier] of identifiers.entries()) {
      const point = await admin.post('/v1/supply-points', {
        identifier,
        commodity: 'electricity',
        country: 'SK',
        accountId: account.body.id,
        territoryCode: 'ZSD',
        customerType: 'B2B',
        annualConsumptionKwh: 64_000 + i * 21_517,
        address: {
          street: 'Novohradská',
          houseNumber: '3',
          postcode: '821 09',
          city: 'Bratislava',
          country: 'SK',
        },
        currentTariff: { unitPricePerMwhMinor: 17_350 + i * 111, monthlyFeeMinor: 1_500, currency: 'EUR' },
      });
      expect(point.status).toBe(201);
    }
    const points = (await admin.get(`/v1/accounts/${account.body.id}/supply-points`)).body.items as {
      id: string;
      identifier: string;
    }[];
    const stages = (await admin.get('/v1/settings/deal-stages')).body.items as {
      id: string;
      status: string;
    }[];
    const deal = await seller.post('/v1/deals', {
      title: 'Elektrina pre gymnázium 2027',
      accountId: account.body.id,
      contactId: contact.body.id,
      commodity: 'electricity',
      supplyPointIds: points.map((p) => p.id),
      stageId: stages.find((s) => s.status === 'open')?.id,
      valueMinor: 2_000_000,
      expectedCloseDate: '2027-01-31',
    });
    expect(deal.status).toBe(201);
    const products = (await admin.get('/v1/products')).body.items as { id: string; code: string }[];
    const productId = products.find((p) => p.code === 'EL-FIX-27')?.id;
    return { dealId: deal.body.id as string, points, productId, identifiers };
  }

  it('renders a sent offer’s PDF naming every supply point’s saving, and e-mails it to the deal’s contact', async () => {
    // Prepare: an offer over two supply points, sent.
    const { dealId, points, productId, identifiers } = await dealWithTwoSupplyPoints();
    const made = await seller.post(`/v1/deals/${dealId}/offers`, { productId });
    expect(made.status).toBe(201);
    const offerId = made.body.id as string;
    const draft = await seller.get(`/v1/offers/${offerId}/versions/1/document`);
    const sent = await seller.post(
      `/v1/offers/${offerId}/versions/1/send`,
      {},
      ifMatch(made.headers.get('etag')),
    );
    expect(sent.status).toBe(200);
    await runtime.settled();

    // Act
    const download = await seller.get(`/v1/offers/${offerId}/versions/1/document`);
    const text = (await pdfTextAt(download.body.url)).replace(/\u00a0/g, ' ');
    const emailed = await seller.post(`/v1/offers/${offerId}/versions/1/document/emails`, {});

    // Assess: each supply point's line and saving, the totals.
    expect(draft.status).toBe(409);
    expect(draft.body.type).toMatch(/invalid-state$/);
    expect(download.status).toBe(200);
    const lines = sent.body.lines as Line[];
    const money = (minor: number) => formatMoney(minor, 'EUR', 'sk').replace(/\u00a0/g, ' ');
    expect(points.map((p) => p.identifier).sort()).toEqual([...identifiers].sort());
    for (const point of points) {
      const line = lines.find((l) => l.supplyPointId === point.id) as Line;
      expect(line.saving).toBeGreaterThan(0);
      expect(text).toContain(point.identifier);
      expect(text).toContain(money(line.saving));
      expect(text).toContain(money(line.currentAnnualCost));
      expect(text).toContain(money(line.offeredAnnualCost));
    }
    expect(text).toContain(`Ročná úspora: ${money(sent.body.totals.saving)}`);
    expect(emailed.status).toBe(201);
    const store = (await (await fetch(`${runtime.mailboxUrl}/store`)).json()) as SesLocalStore;
    const mail = store.emails.find((e) => e.messageId === emailed.body.providerMessageId);
    expect(mail?.destination.to).toEqual(['riaditel@gjh.example']);
    expect(mail?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [download.body.fileName, 'application/pdf'],
    ]);
  });

  it('keeps a version’s PDF when a newer version is sent, and gives the new one its own', async () => {
    // Prepare
    const { dealId, productId } = await dealWithTwoSupplyPoints();
    const made = await seller.post(`/v1/deals/${dealId}/offers`, { productId });
    const offerId = made.body.id as string;
    const sent1 = await seller.post(
      `/v1/offers/${offerId}/versions/1/send`,
      {},
      ifMatch(made.headers.get('etag')),
    );
    await runtime.settled();
    const first = await seller.get(`/v1/offers/${offerId}/versions/1/document`);
    const v2 = await seller.post(
      `/v1/offers/${offerId}/versions`,
      { productId, note: 'Dlhšia viazanosť' },
      ifMatch(sent1.headers.get('etag')),
    );
    await seller.post(`/v1/offers/${offerId}/versions/2/send`, {}, ifMatch(v2.headers.get('etag')));
    await runtime.settled();

    // Act
    const firstAgain = await seller.get(`/v1/offers/${offerId}/versions/1/document`);
    const second = await seller.get(`/v1/offers/${offerId}/versions/2/document`);

    // Assess
    expect(firstAgain.body).toMatchObject({ fileName: first.body.fileName, storedAt: first.body.storedAt });
    expect(second.body.fileName).not.toBe(first.body.fileName);
    expect(await pdfTextAt(second.body.url)).toContain('Dlhšia viazanosť');
    expect(await pdfTextAt(firstAgain.body.url)).not.toContain('Dlhšia viazanosť');
  });

  it('has the seeded sent offer’s PDF ready, and answers 404 to another tenant', async () => {
    // Prepare
    const deals = (await admin.get('/v1/deals?limit=100')).body.items as { id: string; title: string }[];
    const seeded = deals.find((d) => d.title.endsWith('– offer')) as { id: string };
    const [offer] = (await admin.get(`/v1/deals/${seeded.id}/offers`)).body.items as { id: string }[];
    const other = clientFor(runtime, runtime.tenants.find((t) => t.id !== tenantId)?.adminToken as string);

    // Act
    const download = await admin.get(`/v1/offers/${offer?.id}/versions/1/document`);
    const foreign = await other.get(`/v1/offers/${offer?.id}/versions/1/document`);

    // Assess
    expect(download.status).toBe(200);
    expect(await pdfTextAt(download.body.url)).toContain('Základná škola Hviezdoslavova');
    expect(foreign.status).toBe(404);
  });
});
