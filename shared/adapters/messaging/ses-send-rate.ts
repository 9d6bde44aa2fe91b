import { GetAccountCommand, type SESv2Client } from '@aws-sdk/client-sesv2';

/**
 * The account's SES send rate (mails a second, `SendQuota.MaxSendRate` of
 * `GetAccount`), read once per container; `cap` lowers it (a stack that
 * leaves room for transactional mail, a test).
 */
export function sesSendRate(client: SESv2Client, cap?: number): () => Promise<number> {
  let rate: Promise<number> | undefined;
  return () => {
    rate ??= client.send(new GetAccountCommand({})).then(({ SendQuota }) => {
      const max = SendQuota?.MaxSendRate;
      if (!max || max <= 0) throw new Error('SES answered no send rate: is sending enabled for the account?');
      return cap !== undefined && cap > 0 ? Math.min(max, cap) : max;
    });
    rate.catch(() => {
      rate = undefined;
    });
    return rate;
  };
}
