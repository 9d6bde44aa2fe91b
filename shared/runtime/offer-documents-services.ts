import { ContractSettingsService } from '#domain/contracts/contract-settings-service';
import type { MessagingService } from '#domain/messaging/messaging-service';
import type { SmsSender } from '#domain/messaging/sms-sender';
import { OfferDocumentService } from '#domain/sales/offers/offer-document-service';
import type { OfferService } from '#domain/sales/offers/offer-service';
import { DynamoContractSettingsStore } from '#table/contracts/contract-settings-store';
import { DynamoContractSources } from '#table/contracts/contract-sources';
import { DynamoOfferStore } from '#table/sales/dynamo-offer-store';
import { DynamoOfferDocumentStore } from '#table/sales/offer-document-store';
import type { AccountsOverrides } from './accounts-services';
import type { Environment } from './environment';
import { messagingServices } from './messaging-services';
import { missingPart } from './missing-part';
import { dealsAndOffers } from './sales-services';
import { serviceDeps } from './service-deps';

type Parts = Pick<Environment, 'table' | 'objects'> & Partial<Pick<Environment, 'renderer' | 'mailer'>>;

function wired(env: Parts, visibleOffers: Pick<OfferService, 'version'>, overrides: AccountsOverrides) {
  const { table } = env;
  const deps = serviceDeps(table, overrides);
  // E-mail only: the SMS sender is never wired here.
  const messaging: Pick<MessagingService, 'sendEmail'> = env.mailer
    ? messagingServices({ table, mailer: env.mailer, sms: missingPart<SmsSender>('SMS sender') }, overrides)
        .messaging
    : missingPart('mailer');
  return new OfferDocumentService({
    ...deps,
    offers: new DynamoOfferStore(table),
    visibleOffers,
    documents: new DynamoOfferDocumentStore(table),
    sources: new DynamoContractSources(table),
    settings: new ContractSettingsService({ ...deps, store: new DynamoContractSettingsStore(table) }),
    objects: env.objects,
    renderer: env.renderer ?? missingPart('renderer'),
    messaging,
  });
}

/**
 * The renderer's side (the `offer-documents` consumer): it acts for no
 * user, so its bundle carries neither the deals' visibility rules nor SES.
 */
export const offerDocumentRendering = (
  env: Pick<Environment, 'table' | 'objects' | 'renderer'>,
  overrides: AccountsOverrides = {},
): OfferDocumentService => wired(env, missingPart('deal visibility'), overrides);

/** The routes' side (contracts-api): downloads and e-mails as the caller may see the offer. */
export const offerDocumentRoutesServices = (
  env: Pick<Environment, 'table' | 'objects' | 'mailer'> & Partial<Pick<Environment, 'renderer'>>,
  overrides: AccountsOverrides = {},
): OfferDocumentService => wired(env, dealsAndOffers(env, overrides).offers, overrides);
