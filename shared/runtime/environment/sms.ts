import { EndUserMessagingSmsSender } from '#adapters/messaging/end-user-messaging-sms-sender';
import { localSmsRecorder } from '#adapters/messaging/recording-sms-sender';
import type { SmsSender } from '#domain/messaging/sms-sender';

let built: SmsSender | undefined;

/**
 * AWS End User Messaging in the cloud; the process's recorder, which sends
 * nothing and keeps every text, when `SMS_SENDER=local`.
 */
export function environmentSms(): SmsSender {
  built ??=
    process.env.SMS_SENDER === 'local' ? localSmsRecorder : EndUserMessagingSmsSender.fromEnvironment();
  return built;
}
