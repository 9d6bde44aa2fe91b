import { describe, expect, it } from 'vitest';
import { defaultServiceSettings } from '#domain/service/default-service-settings';
import { policyFor } from '#domain/service/service-level';

describe('defaultServiceSettings', () => {
  it('names the case types in the country’s language', () => {
    const titles = (country: 'SE' | 'SK') =>
      Object.fromEntries(defaultServiceSettings(country).caseTypes.map((t) => [t.code, t.title]));

    expect(Object.keys(titles('SE'))).toEqual([
      'billing',
      'meter-reading',
      'move',
      'supplier-switch',
      'outage',
      'complaint',
      'other',
    ]);
    expect(titles('SE')).toMatchObject({ billing: 'Faktura', complaint: 'Klagomål', other: 'Övrigt' });
    expect(titles('SK')).toMatchObject({ billing: 'Faktúra', complaint: 'Sťažnosť', other: 'Iné' });
  });

  it('opens on weekdays in the country’s zone, closed on its public holidays', () => {
    const [se] = defaultServiceSettings('SE').calendars;
    const [sk] = defaultServiceSettings('SK').calendars;

    expect(se).toMatchObject({ timeZone: 'Europe/Stockholm', holidayCountry: 'SE', closedDates: [] });
    expect(se!.weekly.mon).toEqual([{ from: '08:00', to: '17:00' }]);
    expect(se!.weekly.sat).toEqual([]);
    expect(sk).toMatchObject({ timeZone: 'Europe/Bratislava', holidayCountry: 'SK' });
    expect(sk!.weekly.fri).toEqual([{ from: '08:00', to: '16:00' }]);
    expect(sk!.weekly.sun).toEqual([]);
  });

  it('gives the priority level half the standard targets', () => {
    const settings = defaultServiceSettings('SE');

    expect(settings.supportLevels.map((l) => l.id)).toEqual(['standard', 'priority']);
    expect(settings.defaultSupportLevelId).toBe('standard');
    expect(policyFor(settings, 'standard', 'urgent')).toMatchObject({
      firstResponseMinutes: 60,
      resolutionMinutes: 480,
    });
    expect(policyFor(settings, 'standard', 'low')).toMatchObject({
      firstResponseMinutes: 960,
      resolutionMinutes: 4800,
    });
    expect(policyFor(settings, 'priority', 'normal')).toMatchObject({
      firstResponseMinutes: 240,
      resolutionMinutes: 1200,
      warnAtBasisPoints: 8000,
      escalation: { notify: true, raisePriority: true },
    });
  });

  it('has no teams, rules or default team, as teams are groups yet to be made', () => {
    expect(defaultServiceSettings('SK')).toMatchObject({ teams: [], routingRules: [] });
    expect(defaultServiceSettings('SK').defaultTeamId).toBeUndefined();
  });
});
