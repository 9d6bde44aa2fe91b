import type { Contract } from './contract';

/**
 * The contract document's port: a filled template (see
 * `contract-template.ts`) rendered to a PDF with embedded fonts.
 */
export interface FilledDocument {
  readonly title: string;
  readonly locale: string;
  readonly sections: readonly FilledSection[];
}

export type FilledSection =
  | { readonly kind: 'text'; readonly heading?: string; readonly paragraphs: readonly string[] }
  /** A table, e.g. the supply points with their prices; cells already formatted. */
  | {
      readonly kind: 'table';
      readonly heading?: string;
      readonly columns: readonly string[];
      readonly rows: readonly (readonly string[])[];
    };

export interface DocumentRenderer {
  render(document: FilledDocument): Promise<Uint8Array>;
}

/** What fills a template: the contract and the tenant's own details. */
export interface DocumentData {
  readonly contract: Contract;
  readonly supplier: { readonly name: string; readonly orgNumber?: string; readonly address?: string };
}
