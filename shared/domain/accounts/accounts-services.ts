import type { AccountService } from './account-service';
import type { ContactService } from './contact-service';
import type { SubjectService } from './subject-service';

/** What the accounts module offers: accounts, contacts, and what concerns both (notes, history, identification). */
export interface AccountsServices {
  readonly accounts: AccountService;
  readonly contacts: ContactService;
  readonly subjects: SubjectService;
}
