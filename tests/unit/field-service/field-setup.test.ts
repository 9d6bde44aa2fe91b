import { describe, expect, it } from 'vitest';
import type { Contact } from '#domain/accounts/contact';
import { absenceProblems } from '#domain/field-service/technician';
import { noticeChannelOf } from '#domain/field-service/work-order-service';
import { defaultWorkOrderTypes, workOrderTypeProblems } from '#domain/field-service/work-order-types';

describe('work order types', () => {
  it('start as six kinds of work in the country’s language, the meter exchange needing metering', () => {
    // Act
    const swedish = defaultWorkOrderTypes('SE');
    const slovak = defaultWorkOrderTypes('SK');

    // Assess
    expect(swedish.map((t) => t.code)).toEqual([
      'meter-exchange',
      'connection',
      'disconnection',
      'reconnection',
      'inspection',
      'installation',
    ]);
    expect(swedish[0]).toMatchObject({
      title: 'Mätarbyte',
      requiredSkills: ['metering'],
      meterExchange: true,
    });
    expect(slovak[0]?.title).toBe('Výmena meradla');
    expect(workOrderTypeProblems(swedish)).toEqual([]);
  });

  it('name a repeated code, a duration off the quarter hours and a skill listed twice', () => {
    // Prepare
    const base = { title: 'X', requiredSkills: [], meterExchange: false };

    // Act
    const problems = workOrderTypeProblems([
      { ...base, code: 'a', durationMinutes: 50 },
      { ...base, code: 'a', durationMinutes: 600 },
      { ...base, code: 'b', durationMinutes: 60, requiredSkills: ['x', 'x'] },
    ]);

    // Assess
    expect(problems.map((p) => p.name)).toEqual([
      'workOrderTypes.0.durationMinutes',
      'workOrderTypes.1.code',
      'workOrderTypes.1.durationMinutes',
      'workOrderTypes.2.requiredSkills',
    ]);
  });
});

describe('a technician’s absences', () => {
  it('must end after they start and not overlap', () => {
    // Act
    const problems = absenceProblems([
      { from: '2027-01-10T00:00:00Z', to: '2027-01-12T00:00:00Z' },
      { from: '2027-01-11T00:00:00Z', to: '2027-01-13T00:00:00Z' },
      { from: '2027-02-01T00:00:00Z', to: '2027-02-01T00:00:00Z' },
    ]);

    // Assess
    expect(problems).toEqual([
      { name: 'absences.2.to', reason: 'must be after from' },
      { name: 'absences.1.from', reason: 'overlaps absences.0' },
    ]);
  });
});

describe('how a customer hears of visits by default', () => {
  it('is e-mail when they have an address, SMS when only a phone, else nothing', () => {
    // Prepare
    const contact = (email: string | undefined, phones: string[]) =>
      ({ email, phones }) as unknown as Contact;

    // Act and assess
    expect(noticeChannelOf(contact('k@x.example', ['+46701234567']))).toBe('email');
    expect(noticeChannelOf(contact(undefined, ['+46701234567']))).toBe('sms');
    expect(noticeChannelOf(contact(undefined, []))).toBe('none');
    expect(noticeChannelOf(undefined)).toBe('none');
  });
});
