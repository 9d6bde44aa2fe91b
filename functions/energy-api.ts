import { energyApi } from '#api/energy/energy-bindings';
import { energyServices } from '#runtime/energy-services';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';

/** Supply points, distribution territories and the tenant's energy tables. */
export const handler = httpFunction('energy-api', () =>
  energyApi(energyServices({ table: environmentTable() })),
);
