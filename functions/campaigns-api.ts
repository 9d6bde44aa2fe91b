import { campaignsApi } from '#api/campaigns/campaigns-bindings';
import { campaignsServices } from '#runtime/campaigns-services';
import { environmentTable } from '#runtime/environment/table';
import { httpFunction } from '#runtime/http-function';

/** Marketing campaigns and their funnel reports. */
export const handler = httpFunction('campaigns-api', () =>
  campaignsApi(campaignsServices({ table: environmentTable() }).campaigns),
);
