import { fieldServiceApi } from '#api/field-service/field-service-bindings';
import { environmentTable } from '#runtime/environment/table';
import { fieldServiceServices } from '#runtime/field-service-services';
import { httpFunction } from '#runtime/http-function';

/** Field service: work orders, technicians, booking their time, and the work reported from site. */
export const handler = httpFunction('field-service-api', () =>
  fieldServiceApi(fieldServiceServices({ table: environmentTable() })),
);
