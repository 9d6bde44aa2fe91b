import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOneClickBody } from '#domain/newsletters/unsubscribe-headers';
import { unsubscribePage } from '#domain/newsletters/unsubscribe-page';
import { browserContext, launchChromium } from '../../support/chromium';

const tenantName = 'Norrsken Energi AB';
const path = '/v1/public/unsubscribe/token-1';

/** The POSTs the page's server received, as they came. */
const posts: { contentType: string | undefined; body: string }[] = [];

async function bodyOf(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const html = (response: ServerResponse, status: number, page: string) =>
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(page);

/** The page's route on 127.0.0.1: GET asks, a one-click POST is done, anything else is 400. */
const server = createServer(async (request, response) => {
  const at = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  if (at === path && request.method === 'GET')
    return html(response, 200, unsubscribePage('sv', 'confirm', tenantName));
  if (at === path && request.method === 'POST') {
    const post = { contentType: request.headers['content-type'], body: await bodyOf(request) };
    posts.push(post);
    if (isOneClickBody(post.contentType, post.body)) {
      return html(response, 200, unsubscribePage('sv', 'done', tenantName));
    }
  }
  return html(response, 400, unsubscribePage('sv', 'invalid', tenantName));
});

let browser: Browser;
let context: BrowserContext;
let pageUrl: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  browser = await launchChromium();
  context = await browserContext(browser, { javaScript: false });
});

afterAll(async () => {
  await browser?.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the unsubscribe page in headless Chromium with JavaScript off', () => {
  it('runs no script in the context', async () => {
    // Arrange
    const page = await context.newPage();

    // Act
    await page.setContent(
      '<p id="ran">no</p><script>document.getElementById("ran").textContent = "yes"</script>',
    );

    // Assess
    expect(await page.textContent('#ran')).toBe('no');
    await page.close();
  });

  it('asks in Swedish naming the tenant, and its button posts the one-click form to the done page', async () => {
    // Arrange
    const page = await context.newPage();
    const asked = await page.goto(pageUrl);
    expect(asked?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    expect(await page.title()).toBe('Avsluta nyhetsbrev');
    expect(await page.textContent('p')).toBe('Vill du sluta få nyhetsbrev från Norrsken Energi AB?');

    // Act
    const answered = page.waitForResponse((response) => response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Ja, avsluta' }).click();
    const answer = await answered;
    await page.waitForLoadState();

    // Assess
    expect(answer.status()).toBe(200);
    expect(new URL(answer.url()).pathname).toBe(path);
    expect(await page.textContent('p')).toBe('Klart. Du får inga fler nyhetsbrev från Norrsken Energi AB.');
    expect(await page.locator('form').count()).toBe(0);
    expect(posts).toEqual([
      { contentType: 'application/x-www-form-urlencoded', body: 'List-Unsubscribe=One-Click' },
    ]);
    await page.close();
  });
});
