import type { Patch } from '#domain/patch';

/**
 * A distribution territory: the grid operator's area (DSO), tenant reference
 * data. It decides the distribution tariffs and, for the data-sentence
 * export, the distributor's file format.
 */
export interface Territory {
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly commodity: string;
  /** Which distributor export specification applies (used by the data-sentence export). */
  readonly exportFormatRef?: string;
  readonly version: number;
}

/** What a PATCH of a territory may change; its code, country and commodity stay. */
export type TerritoryPatch = Pick<Patch<Territory>, 'name' | 'exportFormatRef'>;
export const editableTerritoryFields = [
  'name',
  'exportFormatRef',
] as const satisfies readonly (keyof TerritoryPatch)[];

export interface TerritoryStore {
  get(tenantId: string, code: string): Promise<Territory | undefined>;
}
