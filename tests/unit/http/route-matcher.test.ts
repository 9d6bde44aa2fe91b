import { describe, expect, it } from 'vitest';
import { OperationMatcher, pathSegments, segmentsOfMatch } from '#http/route-matcher';
import { DeployedRouteMatcher } from '../../../lib/local/deployed-route-matcher';

/** Routes named by their own key, so a match says which route it was. */
const entriesOf = (keys: readonly string[]) =>
  keys.map((key) => {
    const [method = '', path = ''] = key.split(' ');
    return { method, path, value: key };
  });

const matcherOf = (keys: readonly string[]) => new DeployedRouteMatcher(entriesOf(keys));

const pick = (matcher: DeployedRouteMatcher<string>, method: string, path: string) => {
  const found = matcher.match(method, pathSegments(path));
  return found ? { route: found.value, params: found.params } : { kind: 'not-found' };
};

describe('DeployedRouteMatcher, as API Gateway selects routes', () => {
  // The example of API Gateway's developer guide, "Routing API requests", and its priorities:
  // a full match of route and method, then a greedy path variable; otherwise Not Found.
  const guide = matcherOf(['GET /pets/dog/1', 'GET /pets/dog/{id}', 'GET /pets/{proxy+}', 'ANY /{proxy+}']);

  it('routes the developer guide’s example requests to the routes it names', () => {
    expect(pick(guide, 'GET', '/pets/dog/1')).toEqual({ route: 'GET /pets/dog/1', params: {} });
    expect(pick(guide, 'GET', '/pets/dog/2')).toEqual({ route: 'GET /pets/dog/{id}', params: { id: '2' } });
    expect(pick(guide, 'GET', '/pets/cat/1')).toEqual({
      route: 'GET /pets/{proxy+}',
      params: { proxy: 'cat/1' },
    });
    expect(pick(guide, 'POST', '/test/5')).toEqual({ route: 'ANY /{proxy+}', params: { proxy: 'test/5' } });
  });

  it('prefers a full match with a path variable to any greedy route, and the longer greedy prefix', () => {
    // Prepare
    const matcher = matcherOf(['ANY /a/{proxy+}', 'ANY /a/b/{proxy+}', 'GET /a/{id}/c']);

    // Assess
    expect(pick(matcher, 'GET', '/a/b/c')).toEqual({ route: 'GET /a/{id}/c', params: { id: 'b' } });
    expect(pick(matcher, 'POST', '/a/b/c')).toEqual({ route: 'ANY /a/b/{proxy+}', params: { proxy: 'c' } });
    expect(pick(matcher, 'POST', '/a/x/c')).toEqual({ route: 'ANY /a/{proxy+}', params: { proxy: 'x/c' } });
  });

  it('prefers the route of the method to ANY on the same path', () => {
    // Prepare
    const matcher = matcherOf(['GET /a', 'ANY /a']);

    // Assess
    expect(pick(matcher, 'GET', '/a')).toEqual({ route: 'GET /a', params: {} });
    expect(pick(matcher, 'DELETE', '/a')).toEqual({ route: 'ANY /a', params: {} });
  });

  it('does not match a greedy route on its bare prefix, but does with a trailing slash', () => {
    // Prepare
    const matcher = matcherOf(['ANY /a/{proxy+}', 'GET /b']);

    // Assess
    expect(pick(matcher, 'GET', '/a')).toEqual({ kind: 'not-found' });
    expect(pick(matcher, 'GET', '/a/')).toEqual({ route: 'ANY /a/{proxy+}', params: { proxy: '' } });
    expect(pick(matcher, 'GET', '/b/')).toEqual({ kind: 'not-found' });
  });

  it('never lets a path variable take an empty segment', () => {
    // Prepare
    const matcher = matcherOf(['GET /a/{id}/b']);

    // Assess
    expect(pick(matcher, 'GET', '/a//b')).toEqual({ kind: 'not-found' });
  });

  it('refuses two names for the variable at one place, a greedy variable before the end, and a route twice', () => {
    expect(() => matcherOf(['GET /a/{id}', 'GET /a/{key}/b'])).toThrow('{key} where another route has {id}');
    expect(() => matcherOf(['GET /a/{proxy+}/b'])).toThrow('a greedy variable must end the path');
    expect(() => matcherOf(['GET /a', 'GET /a'])).toThrow('GET /a is there twice');
  });
});

describe('OperationMatcher, a handler’s match of its own operations', () => {
  const operations = new OperationMatcher(
    entriesOf([
      'GET /a/{id}',
      'PATCH /a/{id}',
      'DELETE /a/special',
      'GET /a/{id}/b/{key}',
      'GET /a/x/b/{key}',
    ]),
  );
  const find = (method: string, path: string) => operations.match(method, pathSegments(path));

  it('takes the most specific template of the method: a literal before a variable, left to right', () => {
    expect(find('GET', '/a/x/b/k')).toEqual({
      kind: 'route',
      value: 'GET /a/x/b/{key}',
      params: { key: 'k' },
    });
    expect(find('GET', '/a/y/b/k')).toEqual({
      kind: 'route',
      value: 'GET /a/{id}/b/{key}',
      params: { id: 'y', key: 'k' },
    });
    expect(find('DELETE', '/a/special')).toEqual({ kind: 'route', value: 'DELETE /a/special', params: {} });
    expect(find('PATCH', '/a/special')).toEqual({
      kind: 'route',
      value: 'PATCH /a/{id}',
      params: { id: 'special' },
    });
  });

  it('names the methods of every template of the path when none is of the method', () => {
    expect(find('POST', '/a/special')).toEqual({
      kind: 'method-not-allowed',
      allowed: ['DELETE', 'GET', 'PATCH'],
    });
    expect(find('POST', '/c')).toEqual({ kind: 'not-found' });
  });

  it('matches no template with a trailing slash or an empty segment', () => {
    expect(find('GET', '/a/x/')).toEqual({ kind: 'not-found' });
    expect(find('GET', '/a//b/k')).toEqual({ kind: 'not-found' });
  });
});

describe('segmentsOfMatch', () => {
  it('puts a route’s path parameters back into its template, a greedy one’s as the segments it took', () => {
    expect(segmentsOfMatch('/v1/a/{id}/{proxy+}', { id: 'x/y', proxy: 'b/c' })).toEqual([
      'v1',
      'a',
      'x/y',
      'b',
      'c',
    ]);
    expect(segmentsOfMatch('/v1/a', {})).toEqual(['v1', 'a']);
  });

  it('has no path for a route key without one, or a parameter the gateway did not fill in', () => {
    expect(segmentsOfMatch('$default', {})).toBeUndefined();
    expect(segmentsOfMatch('/v1/a/{proxy+}', {})).toBeUndefined();
  });
});
