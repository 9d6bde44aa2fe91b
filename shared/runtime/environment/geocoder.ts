import { LocalGeocoder } from '#adapters/geocoding/local-geocoder';
import { MapyCzGeocoder } from '#adapters/geocoding/mapy-cz-geocoder';
import { secretApiKey } from '#adapters/geocoding/secret-api-key';
import type { Geocoder } from '#domain/geocoding/geocoder';
import { required } from './required';

let built: Geocoder | undefined;

/**
 * Mapy.cz in the cloud, its key from Secrets Manager; the local adapter
 * (which knows only the demo addresses) when `GEOCODER=local`.
 */
export function environmentGeocoder(): Geocoder {
  built ??=
    process.env.GEOCODER === 'local'
      ? new LocalGeocoder()
      : new MapyCzGeocoder({ apiKey: secretApiKey(required('MAPY_API_KEY_SECRET_ID')) });
  return built;
}
