import type { SalesSettingsService } from '#domain/sales/sales-settings-service';
import { type BoundRoute, bind } from '#http/route';
import { salesSettingsRoutes as r } from './sales-settings-routes';

/** Maps the sales settings routes onto the service. */
export function salesSettingsApi(service: SalesSettingsService): BoundRoute[] {
  return [
    bind(r.getSalesSettings, async ({ caller }) => {
      const settings = await service.get(caller);
      return { body: settings, version: settings.version };
    }),
    bind(r.replaceSalesSettings, async ({ caller, body, ifMatch }) => {
      const settings = await service.replace(caller, ifMatch as number, body);
      return { body: settings, version: settings.version };
    }),
  ];
}
