import { describe, expect, it } from 'vitest';
import {
  loadAfterAssign,
  loadAfterRelease,
  pickAssignee,
  type TeamLoad,
} from '#domain/service/case-assignment';
import type { AssignmentMethod, Team } from '#domain/service/service-settings';

const members = ['anna', 'bo', 'cecilia', 'david'];
const everyone = new Set(members);

const team = (method: AssignmentMethod, capacityPerMember = 10): Team => ({
  groupId: 'group-1',
  method,
  capacityPerMember,
});

const noLoad: TeamLoad = { openCases: {} };

describe('pickAssignee with the queue method', () => {
  it('leaves every case in the team queue', () => {
    expect(pickAssignee(team('queue'), members, everyone, noLoad)).toBeUndefined();
  });
});

describe('pickAssignee round-robin', () => {
  const roundRobin = team('round-robin');

  it('starts with the first member when nobody has had a case', () => {
    expect(pickAssignee(roundRobin, members, everyone, noLoad)).toBe('anna');
  });

  it('gives the case to the member after the one who got the last', () => {
    expect(pickAssignee(roundRobin, members, everyone, { openCases: {}, lastAssigned: 'bo' })).toBe(
      'cecilia',
    );
  });

  it('wraps from the last member to the first', () => {
    expect(pickAssignee(roundRobin, members, everyone, { openCases: {}, lastAssigned: 'david' })).toBe(
      'anna',
    );
  });

  it('starts from the first member when the last one has left the group', () => {
    expect(pickAssignee(roundRobin, members, everyone, { openCases: {}, lastAssigned: 'erik' })).toBe('anna');
  });

  it('skips inactive members', () => {
    const active = new Set(['anna', 'david']);

    expect(pickAssignee(roundRobin, members, active, { openCases: {}, lastAssigned: 'anna' })).toBe('david');
  });

  it('skips members at capacity, wrapping if need be', () => {
    const load = { openCases: { anna: 1, david: 2, bo: 2 }, lastAssigned: 'bo' };

    expect(pickAssignee(team('round-robin', 2), ['anna', 'bo', 'david'], everyone, load)).toBe('anna');
  });

  it('gives the last member another case when they are the only one eligible', () => {
    const active = new Set(['bo']);

    expect(pickAssignee(roundRobin, members, active, { openCases: { bo: 3 }, lastAssigned: 'bo' })).toBe(
      'bo',
    );
  });

  it('goes round the team case by case', () => {
    let load = noLoad;
    const picked: (string | undefined)[] = [];
    for (let i = 0; i < 6; i++) {
      const userId = pickAssignee(roundRobin, members, everyone, load);
      picked.push(userId);
      if (userId) load = loadAfterAssign(load, userId);
    }

    expect(picked).toEqual(['anna', 'bo', 'cecilia', 'david', 'anna', 'bo']);
  });

  it('leaves the case in the queue when every member is at capacity or inactive', () => {
    const load = { openCases: { anna: 2, bo: 2 } };

    expect(pickAssignee(team('round-robin', 2), members, new Set(['anna', 'bo']), load)).toBeUndefined();
  });
});

describe('pickAssignee least-open', () => {
  const leastOpen = team('least-open');

  it('gives the case to the member with the fewest open cases', () => {
    const load = { openCases: { anna: 4, bo: 2, cecilia: 3, david: 5 } };

    expect(pickAssignee(leastOpen, members, everyone, load)).toBe('bo');
  });

  it('counts a member without an entry as having none', () => {
    expect(pickAssignee(leastOpen, members, everyone, { openCases: { anna: 1, bo: 1, cecilia: 1 } })).toBe(
      'david',
    );
  });

  it('breaks ties by the group order, whoever got the last case', () => {
    const load = { openCases: { anna: 3, bo: 1, cecilia: 1, david: 1 }, lastAssigned: 'bo' };

    expect(pickAssignee(leastOpen, members, everyone, load)).toBe('bo');
  });

  it('passes over inactive members however few cases they have', () => {
    const active = new Set(['anna', 'cecilia']);

    expect(pickAssignee(leastOpen, members, active, { openCases: { anna: 3, cecilia: 2 } })).toBe('cecilia');
  });

  it('leaves the case in the queue when everyone is at capacity', () => {
    const load = { openCases: { anna: 2, bo: 2, cecilia: 3, david: 2 } };

    expect(pickAssignee(team('least-open', 2), members, everyone, load)).toBeUndefined();
  });

  it('leaves the case in the queue for a team without members', () => {
    expect(pickAssignee(leastOpen, [], everyone, noLoad)).toBeUndefined();
  });
});

describe('loadAfterAssign', () => {
  it('adds a case to the member and makes them the last assigned', () => {
    const load = { openCases: { anna: 2 }, lastAssigned: 'anna' };

    expect(loadAfterAssign(load, 'bo')).toEqual({ openCases: { anna: 2, bo: 1 }, lastAssigned: 'bo' });
    expect(loadAfterAssign(load, 'anna')).toEqual({ openCases: { anna: 3 }, lastAssigned: 'anna' });
    expect(load).toEqual({ openCases: { anna: 2 }, lastAssigned: 'anna' });
  });
});

describe('loadAfterRelease', () => {
  it('takes a case from the member and keeps the last assigned', () => {
    const load = { openCases: { anna: 2, bo: 1 }, lastAssigned: 'bo' };

    expect(loadAfterRelease(load, 'anna')).toEqual({ openCases: { anna: 1, bo: 1 }, lastAssigned: 'bo' });
  });

  it('drops a member left with no cases', () => {
    expect(loadAfterRelease({ openCases: { anna: 2, bo: 1 } }, 'bo')).toEqual({ openCases: { anna: 2 } });
  });

  it('never counts below zero', () => {
    expect(loadAfterRelease({ openCases: { anna: 2 } }, 'bo')).toEqual({ openCases: { anna: 2 } });
  });
});
