import type { CallerAdmission } from '#http/caller-admission';
import { DynamoTokenCutoffs } from '#table/users/token-cutoffs';
import { environmentTable } from './environment/table';
import { tokenCutoffAdmission } from './token-cutoff-admission';

/** Builds an admission on its first call: a function that serves only public routes has no table. */
function onFirstUse(build: () => CallerAdmission): CallerAdmission {
  let built: CallerAdmission | undefined;
  return (caller, token) => {
    built ??= build();
    return built(caller, token);
  };
}

/** The handler shell's checks of every authenticated call, on the table named by `TABLE_NAME`. */
export function environmentAdmissions(): CallerAdmission[] {
  return [onFirstUse(() => tokenCutoffAdmission(new DynamoTokenCutoffs(environmentTable())))];
}
