import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '#domain/errors';
import type { CaseIntake } from '#domain/service/case-intake';
import { parseSocialMessages, verifyHubSignature, verifySubscription } from '#domain/service/social-message';
import type { SocialSecrets } from '#domain/service/social-secrets';
import { HttpError } from '#http/http-error';
import { type BoundRoute, bind } from '#http/route';
import { channelRoutes as r } from './channel-routes';

/** The public channels: a tenant's web form, and the social platform's signed webhook. */
export function serviceChannelsApi(deps: {
  readonly intake: CaseIntake;
  readonly social: SocialSecrets;
}): BoundRoute[] {
  return [
    bind(r.submitWebForm, async ({ params, body, raw }) => {
      // A form resent by the browser is one submission: the client's key, else what it said and when it was shown.
      const submissionId =
        raw.headers['idempotency-key'] ??
        `${body.email}:${body.subject}:${body.message}:${body.startedAt ?? ''}`;
      const outcome = await deps.intake.webForm(params.formKey, body, submissionId);
      // An unknown key answers like any missing resource: it tells a stranger nothing more.
      if (!outcome) throw new NotFoundError('form', params.formKey);
      if (outcome.outcome === 'limited') {
        throw new HttpError(
          'rate-limited',
          'this form takes no more submissions for now; try again later',
          [],
          {
            'retry-after': String(outcome.retryAfterSeconds),
          },
        );
      }
      return {
        body: { received: true, ...(outcome.outcome === 'opened' ? { caseNumber: outcome.number } : {}) },
      };
    }),
    bind(r.verifySocialWebhook, async ({ query }) => {
      const challenge = verifySubscription(query, await deps.social.verifyToken());
      if (challenge === undefined) throw new ForbiddenError('the verify token does not match');
      return { body: challenge };
    }),
    bind(r.receiveSocialWebhook, async ({ raw }) => {
      // The signature first: nothing of an unsigned delivery is read or written.
      if (!verifyHubSignature(await deps.social.appSecret(), raw.body, raw.headers['x-hub-signature-256']))
        throw new UnauthenticatedError('the X-Hub-Signature-256 does not match this delivery');
      const outcomes = await deps.intake.social(parseSocialMessages(jsonOf(raw.body)));
      return {
        body: {
          received: outcomes.filter((o) => o.outcome === 'opened' || o.outcome === 'threaded').length,
          duplicates: outcomes.filter((o) => o.outcome === 'duplicate').length,
          skipped: outcomes.filter((o) => o.outcome === 'rejected').length,
        },
      };
    }),
  ];
}

function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new ValidationError([{ name: 'body', reason: 'is not JSON' }]);
  }
}
