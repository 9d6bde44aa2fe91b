import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { businessMetricsOf } from '#runtime/business-metrics';
import type { EventRuleDefinition } from '../topology-types';
import type { LocalQueue } from './local-queue';

interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Time?: number | string;
}

export function matchesRule(rule: EventRuleDefinition, source: string, detailType: string): boolean {
  return rule.sources.includes(source) && (!rule.detailTypes || rule.detailTypes.includes(detailType));
}

/**
 * EventBridge's PutEvents on 127.0.0.1, so the relay uses the real
 * EventBridgeClient. Each entry is matched against the topology's rules and
 * delivered, in the envelope EventBridge uses, to each matching rule's queue.
 */
export class LocalEventBus {
  private server?: Server;
  readonly delivered: { source: string; detailType: string; queues: string[] }[] = [];
  /** The business metrics of the events put here, as the relay counts them in CloudWatch. */
  readonly businessMetrics = new Map<string, number>();

  constructor(
    private readonly rules: readonly EventRuleDefinition[],
    private readonly queues: ReadonlyMap<string, LocalQueue>,
  ) {}

  async listen(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const target = req.headers['x-amz-target'];
        if (target !== 'AWSEvents.PutEvents') {
          res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(
            JSON.stringify({ __type: 'UnknownOperationException', message: `${target} is not emulated` }),
          );
          return;
        }
        const { Entries = [] } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          Entries?: PutEventsEntry[];
        };
        const results = Entries.map((entry) => ({ EventId: this.publish(entry) }));
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ FailedEntryCount: 0, Entries: results }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Puts an event on the bus as an AWS service would (SES's delivery events on the default bus); its id. */
  inject(entry: {
    readonly id?: string;
    readonly source: string;
    readonly detailType: string;
    readonly detail: unknown;
  }): string {
    return this.publish(
      { Source: entry.source, DetailType: entry.detailType, Detail: JSON.stringify(entry.detail) },
      entry.id,
    );
  }

  /** `id`: the event's own, when one comes again (a redelivery to test); a new one otherwise. */
  private publish(entry: PutEventsEntry, id: string = randomUUID()): string {
    const source = entry.Source ?? '';
    const detailType = entry.DetailType ?? '';
    const time =
      entry.Time === undefined
        ? new Date()
        : new Date(typeof entry.Time === 'number' ? entry.Time * 1000 : entry.Time);
    const detail = JSON.parse(entry.Detail ?? '{}');
    const envelope = JSON.stringify({
      version: '0',
      id,
      'detail-type': detailType,
      source,
      account: '000000000000',
      time: time.toISOString(),
      region: 'local',
      resources: [],
      detail,
    });
    for (const metric of businessMetricsOf({ type: detailType, data: detail?.data })) {
      this.businessMetrics.set(metric.name, (this.businessMetrics.get(metric.name) ?? 0) + metric.value);
    }
    const targets = this.rules
      .filter((rule) => matchesRule(rule, source, detailType))
      .map((rule) => rule.targetQueue);
    for (const name of targets) this.queues.get(name)?.send(envelope);
    this.delivered.push({ source, detailType, queues: targets });
    return id;
  }
}
