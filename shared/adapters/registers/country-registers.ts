import type {
  CompanyRegister,
  RegisterAnswer,
  RegisterCountry,
  RegisterQuery,
} from '#domain/registers/company-register';

/** One register per country, behind the one port. */
export class CountryRegisters implements CompanyRegister {
  constructor(private readonly byCountry: Readonly<Record<RegisterCountry, CompanyRegister>>) {}

  lookup(query: RegisterQuery): Promise<RegisterAnswer> {
    return this.byCountry[query.country].lookup(query);
  }
}
