import type { MoveCustomersRequests } from './move-customers-requests';
import type { SettingsService } from './settings-service';

/** What the settings module offers: settings, user groups and the requests of move-customers jobs. */
export interface SettingsServices {
  readonly settings: SettingsService;
  readonly moveCustomers: MoveCustomersRequests;
}
