import type { ServiceDeps } from '#domain/service-context';
import type { ConsentWithdrawal } from './consent-withdrawal';
import { isOneClickBody } from './unsubscribe-headers';
import { pageLanguageOf, unsubscribePage } from './unsubscribe-page';
import { readUnsubscribeToken } from './unsubscribe-token';

export interface UnsubscribeDeps extends ServiceDeps {
  /** The key that signs unsubscribe links. */
  readonly signingKey: () => Promise<string>;
  readonly withdrawal: Pick<ConsentWithdrawal, 'withdraw'>;
}

/** What a link that is not ours shows: no tenant is known, so no name and English. */
const unknownLink = unsubscribePage('en', 'invalid', 'the sender');

/**
 * The public end of a newsletter's unsubscribe link (RFC 8058, R-NL-3). A
 * `GET` shows the confirm page in the tenant's language; a one-click `POST`
 * (a mail provider's, or the page's own button) withdraws consent and
 * answers 200. A tampered or expired token changes nothing; a valid one for
 * a contact that is gone answers exactly as for one that is there, so the
 * endpoint tells no one whose link it is.
 */
export class Unsubscribe {
  constructor(private readonly deps: UnsubscribeDeps) {}

  private async read(token: string) {
    const reading = readUnsubscribeToken(await this.deps.signingKey(), token, this.deps.clock.now());
    if (!reading.ok) return undefined;
    const tenant = await this.deps.tenants.profile(reading.claims.tenantId).catch(() => undefined);
    return tenant ? { claims: reading.claims, tenant } : undefined;
  }

  /** The page to show: every answer is a page, so a person always reads what happened. */
  async show(token: string): Promise<string> {
    const found = await this.read(token);
    if (!found) return unknownLink;
    return unsubscribePage(pageLanguageOf(found.tenant.country), 'confirm', found.tenant.name);
  }

  /**
   * `viaPage`: the browser's form submission (a person on the page) rather
   * than a mail provider's POST; only the history tells them apart.
   */
  async confirm(
    token: string,
    contentType: string | undefined,
    body: string,
    viaPage: boolean,
  ): Promise<string> {
    const found = await this.read(token);
    if (!found) return unknownLink;
    const language = pageLanguageOf(found.tenant.country);
    // A link scanner's empty POST unsubscribes no one: it sees the page a person would confirm on.
    if (!isOneClickBody(contentType, body)) return unsubscribePage(language, 'confirm', found.tenant.name);
    const { tenantId, contactId, newsletterId } = found.claims;
    await this.deps.withdrawal.withdraw(tenantId, contactId, {
      source: viaPage ? 'unsubscribe-page' : 'one-click',
      newsletterId,
    });
    return unsubscribePage(language, 'done', found.tenant.name);
  }
}
