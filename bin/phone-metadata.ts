import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fullMetadata from 'libphonenumber-js/metadata.max.json';
import { phoneCountries, phoneMetadataFile, phoneMetadataText } from '../lib/phone-metadata';

/**
 * `npm run phone:metadata`: writes the phone metadata of the countries in
 * `phoneCountries` from the installed libphonenumber-js. A unit test fails
 * while the committed file and the installed package differ.
 */
const file = path.resolve(import.meta.dirname, '..', phoneMetadataFile);
writeFileSync(file, phoneMetadataText(fullMetadata, phoneCountries));
console.log(`Wrote the phone metadata of ${phoneCountries.join(', ')} to ${phoneMetadataFile}.`);
