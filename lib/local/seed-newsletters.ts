import type { Caller } from '#domain/caller';
import type { Mailer } from '#domain/messaging/mailer';
import type { SendStarts, UnsubscribeLinks } from '#domain/newsletters/newsletter-ports';
import { newsletterService } from '#runtime/newsletters-services';
import { settingsServices } from '#runtime/settings-services';
import type { Table } from '#table/core/table';
import type { DemoTenant } from './seed';

/** Each demo tenant's newsletter: its words and the keyword its readers carry. */
const demoNewsletters: Readonly<
  Record<string, { keyword: string; subject: string; subheading: string; body: string }>
> = {
  norrsken: {
    keyword: 'Solceller',
    subject: 'Solel i vinter',
    subheading: 'Så får du ut mest av dina solceller när dagarna är korta',
    body: '<p>Hej!</p><p>Vintern ger få soltimmar, men <strong>snöfria paneler</strong> producerar ändå. Se över växelriktaren och följ produktionen i appen.</p>',
  },
  tatra: {
    keyword: 'Fotovoltika',
    subject: 'Fotovoltika v zime',
    subheading: 'Ako vyťažiť z panelov čo najviac aj počas krátkych dní',
    body: '<p>Dobrý deň,</p><p>v zime je slnka menej, no <strong>panely bez snehu</strong> vyrábajú aj tak. Skontrolujte menič a sledujte výrobu v aplikácii.</p>',
  },
};

/**
 * A reviewed newsletter per demo tenant, filtered by a keyword of its list:
 * ready to look at, test and send, not sent (the local mailbox is the
 * tenant's to fill).
 */
export async function seedDemoNewsletters(
  env: {
    readonly table: Table;
    readonly mailer: Mailer;
    readonly links: UnsubscribeLinks;
    readonly starts: SendStarts;
  },
  tenants: readonly DemoTenant[],
): Promise<void> {
  const newsletters = newsletterService(env);
  const { settings } = settingsServices({ table: env.table });
  for (const tenant of tenants) {
    const words = demoNewsletters[tenant.profile.id];
    const admin = tenant.users.find((u) => u.groups.includes('admin'));
    const sender = tenant.profile.emailSender;
    if (!words || !admin || !sender) continue;
    const actor: Caller = { tenantId: tenant.profile.id, userId: admin.sub, roles: admin.groups };
    const keywords = await settings.list(actor, 'keyword', {}, { limit: 100 });
    const keyword = keywords.items.find((k) => k.title === words.keyword);
    if (!keyword) throw new Error(`the demo keyword list of ${tenant.profile.id} has no ${words.keyword}`);
    const draft = await newsletters.create(actor, {
      senderName: tenant.profile.name,
      senderAddress: sender.address,
      subject: words.subject,
      subheading: words.subheading,
      body: words.body,
      filter: { match: 'all', keywordIds: [keyword.id] },
    });
    await newsletters.review(actor, draft.value.id);
  }
}
