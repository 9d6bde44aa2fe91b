import { energyApi } from '#api/energy/energy-bindings';
import { energyServices } from '#runtime/energy-services';
import { httpFunction } from '#runtime/http-function';
import { tableFromEnvironment } from '#table/core/table';

/** Supply points, distribution territories and the tenant's energy tables. */
export const handler = httpFunction('energy-api', () => energyApi(energyServices(tableFromEnvironment())));
