import { contractsApi } from '#api/contracts/contracts-bindings';
import { offerDocumentsApi } from '#api/sales/offer-documents-bindings';
import { contractsServices } from '#runtime/contracts-services';
import { contractsEnvironment } from '#runtime/environment/contracts';
import { environmentMailer } from '#runtime/environment/mailer';
import { environmentRenderer } from '#runtime/environment/renderer';
import { httpFunction } from '#runtime/http-function';
import { offerDocumentRoutesServices } from '#runtime/offer-documents-services';

/**
 * Contracts: made from deals, sent for signing, moved through their life;
 * the contract rules. And the offers' documents, which need the files
 * bucket and SES that sales-api does without.
 */
export const handler = httpFunction('contracts-api', () => {
  const env = { ...contractsEnvironment(), renderer: environmentRenderer() };
  return [
    ...contractsApi(contractsServices(env)),
    ...offerDocumentsApi(offerDocumentRoutesServices({ ...env, mailer: environmentMailer() })),
  ];
});
