import { readFileSync } from 'node:fs';
import path from 'node:path';
import fullMetadata from 'libphonenumber-js/metadata.max.json';
import { describe, expect, it } from 'vitest';
import {
  phoneCountries,
  phoneMetadataFile,
  phoneMetadataOf,
  phoneMetadataText,
} from '../../../../lib/phone-metadata';

const root = path.resolve(import.meta.dirname, '../../../..');

describe('the phone metadata', () => {
  it('is what `npm run phone:metadata` writes from the installed libphonenumber-js', () => {
    // Act
    const committed = readFileSync(path.join(root, phoneMetadataFile), 'utf8');

    // Assess
    expect(committed).toBe(phoneMetadataText(fullMetadata, phoneCountries));
  });

  it('keeps the full numbering plans and calling codes of the countries, and nothing else', () => {
    // Act
    const metadata = phoneMetadataOf(fullMetadata, ['SE', 'SK', 'CZ']);

    // Assess
    expect(metadata.country_calling_codes).toEqual({ '46': ['SE'], '420': ['CZ'], '421': ['SK'] });
    expect(metadata.countries).toEqual({
      CZ: fullMetadata.countries.CZ,
      SE: fullMetadata.countries.SE,
      SK: fullMetadata.countries.SK,
    });
    expect(metadata.nonGeographic).toEqual({});
  });

  it('brings the main country of a shared calling code along, whose formats the others use', () => {
    // Act
    const metadata = phoneMetadataOf(fullMetadata, ['JE']);

    // Assess
    expect(metadata.country_calling_codes).toEqual({ '44': ['GB', 'JE'] });
    expect(Object.keys(metadata.countries).sort()).toEqual(['GB', 'JE']);
  });
});
