import { describe, expect, it } from 'vitest';
import { contractViolations, type ObservedResponse } from '../../support/response-contract';

const problem = 'application/problem+json';

/** A user as GET /v1/users/me answers it. */
const user = {
  id: '01J0000000000000000000000A',
  email: 'anna@example.se',
  username: 'anna@example.se',
  name: 'Anna',
  roles: ['admin'],
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'someone',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'someone',
  version: 1,
};

const getMe = (overrides: Partial<ObservedResponse>): ObservedResponse => ({
  method: 'GET',
  url: '/v1/users/me',
  status: 200,
  contentType: 'application/json',
  body: user,
  ...overrides,
});

describe('contractViolations', () => {
  it('finds nothing in an answer the document promises', () => {
    // Act
    const violations = [
      contractViolations(getMe({})),
      contractViolations(
        getMe({ status: 401, contentType: 'application/json', body: { message: 'Unauthorized' } }),
      ),
      contractViolations({
        method: 'DELETE',
        url: '/v1/accounts/01J0000000000000000000000A?x=1',
        status: 204,
        contentType: null,
        body: undefined,
      }),
    ];

    // Assess
    expect(violations).toEqual([[], [], []]);
  });

  it('names a field the schema does not have, and one it needs', () => {
    // Prepare
    const { email: _email, ...withoutEmail } = user;

    // Act
    const violations = [
      contractViolations(getMe({ body: { ...user, tenantId: 'norrsken' } })),
      contractViolations(getMe({ body: withoutEmail })),
    ];

    // Assess
    expect(violations).toEqual([
      [expect.stringMatching(/^getMe \(GET \/v1\/users\/me\) answered 200: .*tenantId/)],
      [expect.stringContaining("must have required property 'email'")],
    ]);
  });

  it('names a status the operation does not document and a content type it does not name', () => {
    // Act
    const violations = [
      contractViolations(getMe({ status: 409, contentType: problem, body: {} })),
      contractViolations(getMe({ contentType: 'text/html', body: '<p>me</p>' })),
      contractViolations(getMe({ status: 401, contentType: 'text/plain', body: 'Unauthorized' })),
    ];

    // Assess
    expect(violations).toEqual([
      ['getMe (GET /v1/users/me) answered 409, a status it does not document'],
      ['getMe (GET /v1/users/me) answered 200 with text/html, not application/json'],
      [
        'getMe (GET /v1/users/me) answered 401 with text/plain, not application/problem+json or application/json',
      ],
    ]);
  });

  it('takes the most specific path template, and only a not-found problem where none matches', () => {
    // Act
    const violations = [
      contractViolations(getMe({ url: '/v1/users/01J0000000000000000000000A' })),
      contractViolations({
        method: 'GET',
        url: '/v1/nowhere',
        status: 404,
        contentType: problem,
        body: { type: 'urn:gridline:problem:not-found', title: 'Not found', status: 404, detail: 'x' },
      }),
      contractViolations({
        method: 'GET',
        url: '/v1/nowhere',
        status: 404,
        contentType: 'application/json',
        body: { message: 'Not Found' },
      }),
    ];

    // Assess
    expect(violations).toEqual([[], [], ['404 application/json: no operation is GET /v1/nowhere']]);
  });
});
