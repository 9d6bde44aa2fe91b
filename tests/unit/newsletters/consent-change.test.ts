import { describe, expect, it } from 'vitest';
import { consentChange } from '#domain/newsletters/consent-change';

const at = new Date('2027-01-12T09:00:00.000Z');

describe('a change of newsletter consent', () => {
  it('records who gave it and how the customer or SES withdrew it', () => {
    // Act
    const given = consentChange('c1', false, true, { source: 'user', userId: 'u1' }, at);
    const oneClick = consentChange('c1', true, false, { source: 'one-click', newsletterId: 'n1' }, at);
    const bounced = consentChange(
      'c1',
      true,
      false,
      { source: 'bounce', newsletterId: 'n1', reason: 'Permanent/General' },
      at,
    );

    // Assess
    expect(given).toEqual({
      contactId: 'c1',
      at: '2027-01-12T09:00:00.000Z',
      granted: true,
      source: 'user',
      userId: 'u1',
    });
    expect(oneClick).toMatchObject({ granted: false, source: 'one-click', newsletterId: 'n1' });
    expect(bounced).toMatchObject({ granted: false, reason: 'Permanent/General' });
  });

  it('records nothing when nothing changes: a second unsubscribe, a redelivered bounce', () => {
    // Act and assess
    expect(
      consentChange('c1', false, false, { source: 'one-click', newsletterId: 'n1' }, at),
    ).toBeUndefined();
    expect(consentChange('c1', false, false, { source: 'bounce' }, at)).toBeUndefined();
  });

  it('never lets an unsubscribe or SES feedback give consent', () => {
    // Act
    const wrong = () => consentChange('c1', false, true, { source: 'complaint' }, at);

    // Assess
    expect(wrong).toThrow('only withdraws');
  });
});
