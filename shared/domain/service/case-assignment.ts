import type { Team } from './service-settings';

/** What sharing out a team's cases keeps between one case and the next. */
export interface TeamLoad {
  /** Open cases per member; a member without an entry has none. */
  readonly openCases: Readonly<Record<string, number>>;
  /** Round-robin: the member who got the last case. */
  readonly lastAssigned?: string;
}

const openCasesOf = (load: TeamLoad, userId: string) => load.openCases[userId] ?? 0;

/**
 * The member a new case of the team goes to, or undefined for the team's
 * unassigned queue: always with the `queue` method, and when no active
 * member has room under the team's capacity. `members` are the group's
 * members in the group's order, which breaks ties and sets the round.
 */
export function pickAssignee(
  team: Team,
  members: readonly string[],
  activeUserIds: ReadonlySet<string>,
  load: TeamLoad,
): string | undefined {
  if (team.method === 'queue') return undefined;
  const eligible = (userId: string) =>
    activeUserIds.has(userId) && openCasesOf(load, userId) < team.capacityPerMember;
  if (team.method === 'round-robin') {
    // After the last one in the round; from the start when there was none or they left the group.
    const start = load.lastAssigned === undefined ? 0 : members.indexOf(load.lastAssigned) + 1;
    const round = [...members.slice(start), ...members.slice(0, start)];
    return round.find(eligible);
  }
  let fewest: string | undefined;
  for (const userId of members.filter(eligible))
    if (fewest === undefined || openCasesOf(load, userId) < openCasesOf(load, fewest)) fewest = userId;
  return fewest;
}

export function loadAfterAssign(load: TeamLoad, userId: string): TeamLoad {
  return { openCases: { ...load.openCases, [userId]: openCasesOf(load, userId) + 1 }, lastAssigned: userId };
}

/** One case fewer; a member left with none loses the entry, so the record keeps only those with cases. */
export function loadAfterRelease(load: TeamLoad, userId: string): TeamLoad {
  const { [userId]: _released, ...others } = load.openCases;
  const left = openCasesOf(load, userId) - 1;
  return { ...load, openCases: left > 0 ? { ...others, [userId]: left } : others };
}
