import { energyApi } from '../shared/api/energy-api';
import { energyServices } from '../shared/runtime/energy-services';
import { httpFunction } from '../shared/runtime/http-function';
import { tableFromEnvironment } from '../shared/table/table';

/** Supply points, distribution territories and the tenant's energy tables. */
export const handler = httpFunction('energy-api', () => energyApi(energyServices(tableFromEnvironment())));
