import { Stack } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { sesConfigurationSetEnvironment } from '../topology-types';

/** What SES reports of every mail: sent, delivered, bounced, complained of, rejected. */
export const plainMailEvents = [
  ses.EmailSendingEvent.SEND,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
];

/** And of mail that asks to be tracked: opened, a link clicked. */
export const trackedMailEvents = [
  ...plainMailEvents,
  ses.EmailSendingEvent.OPEN,
  ses.EmailSendingEvent.CLICK,
];

export interface MailConfigurationSetsProps {
  /** The account's default event bus: the only bus SES publishes to. */
  readonly defaultBus: events.IEventBus;
}

/**
 * The SES configuration sets functions send with: a plain one, and a tracked
 * one that also reports opens and clicks (SES rewrites the links and adds a
 * pixel). Each publishes its events to the default event bus, where a rule of
 * the topology picks them up.
 */
export class MailConfigurationSets extends Construct {
  readonly plain: ses.ConfigurationSet;
  readonly tracked: ses.ConfigurationSet;

  constructor(scope: Construct, id: string, props: MailConfigurationSetsProps) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;
    const destination = ses.EventDestination.eventBus(props.defaultBus);
    this.plain = new ses.ConfigurationSet(this, 'Plain', { configurationSetName: `${stackName}-mail` });
    this.plain.addEventDestination('DefaultBus', { destination, events: plainMailEvents });
    this.tracked = new ses.ConfigurationSet(this, 'Tracked', {
      configurationSetName: `${stackName}-mail-tracked`,
    });
    this.tracked.addEventDestination('DefaultBus', { destination, events: trackedMailEvents });
  }

  /** The environment that names them to a function (`SesMailer.fromEnvironment` reads it). */
  get environment(): Record<string, string> {
    return {
      [sesConfigurationSetEnvironment.plain]: this.plain.configurationSetName,
      [sesConfigurationSetEnvironment.tracked]: this.tracked.configurationSetName,
    };
  }

  /** Their ARNs: SES checks a sender's permission on the configuration set too. */
  get arns(): string[] {
    const stack = Stack.of(this);
    return [this.plain, this.tracked].map((set) =>
      stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: set.configurationSetName,
      }),
    );
  }
}
