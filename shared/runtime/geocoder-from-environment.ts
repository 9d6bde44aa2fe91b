import { LocalGeocoder } from '#adapters/geocoding/local-geocoder';
import { MapyCzGeocoder } from '#adapters/geocoding/mapy-cz-geocoder';
import { secretApiKey } from '#adapters/geocoding/secret-api-key';
import type { Geocoder } from '#domain/geocoding/geocoder';

/**
 * Mapy.cz in the cloud, its key from Secrets Manager; the local adapter
 * (which knows only the demo addresses) when `GEOCODER=local`.
 */
export function geocoderFromEnvironment(): Geocoder {
  if (process.env.GEOCODER === 'local') return new LocalGeocoder();
  const secretId = process.env.MAPY_API_KEY_SECRET_ID;
  if (!secretId) throw new Error('MAPY_API_KEY_SECRET_ID is not set');
  return new MapyCzGeocoder({ apiKey: secretApiKey(secretId) });
}
