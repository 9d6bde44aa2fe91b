import { offerLineValueNames, offerPlaceholderNames } from '#domain/sales/offers/offer-document-values';
import { lineValueNames, placeholderNames } from './template-values';

/** What a document template fills: a contract, or a sent offer version (R-SA-6). */
export const templateKinds = ['contract', 'offer'] as const;
export type TemplateKind = (typeof templateKinds)[number];

export interface TemplateVocabulary {
  readonly placeholderNames: readonly string[];
  readonly lineValueNames: readonly string[];
}

const vocabularies: Readonly<Record<TemplateKind, TemplateVocabulary>> = {
  contract: { placeholderNames, lineValueNames },
  offer: { placeholderNames: offerPlaceholderNames, lineValueNames: offerLineValueNames },
};

/** The placeholders a template of the kind may use; a template without a kind is a contract's. */
export const vocabularyOf = (kind: TemplateKind | undefined): TemplateVocabulary =>
  vocabularies[kind ?? 'contract'];
