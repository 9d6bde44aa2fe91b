import type { MoveCustomersService } from './move-customers';
import type { SettingsService } from './settings-service';

/** What the settings module offers: settings, user groups and the move-customers jobs. */
export interface SettingsServices {
  readonly settings: SettingsService;
  readonly moveCustomers: MoveCustomersService;
}
