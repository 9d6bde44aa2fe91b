import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { awsFunctionName } from '../../operations/aws-names';
import type { Topology } from '../../topology-types';

/** The placeholder an operator replaces with the correlation id they follow. */
export const correlationIdPlaceholder = 'REPLACE-WITH-CORRELATION-ID';

/** A saved query names at most 50 log groups, as many as a Logs Insights query reads. */
const logGroupsPerQuery = 50;

/**
 * Queries over the functions' log groups: Powertools Logger's JSON lines
 * (`level`, `message`, `service`, `correlation_id`, `tenant_id`, `event_id`,
 * `error`, …) and Lambda's own `REPORT` lines (`@duration`, `@initDuration`).
 */
export const functionQueries: Record<string, logs.QueryStringProps> = {
  'story-of-a-correlation-id': {
    fields: [
      '@timestamp',
      'service',
      'level',
      'message',
      'correlation_id',
      'tenant_id',
      'event_id',
      'function_request_id',
      'error',
    ],
    filterStatements: [`correlation_id = "${correlationIdPlaceholder}"`],
    sort: '@timestamp asc',
    limit: 1000,
  },
  'errors-by-function': {
    filterStatements: ['level = "ERROR"'],
    statsStatements: ['count(*) as errors by service'],
    sort: 'errors desc',
  },
  'errors-by-tenant': {
    filterStatements: ['level = "ERROR"'],
    statsStatements: ['count(*) as errors by tenant_id, service'],
    sort: 'errors desc',
  },
  'slowest-invocations': {
    fields: ['@timestamp', '@log', '@requestId', '@duration', '@initDuration', '@maxMemoryUsed'],
    filterStatements: ['@type = "REPORT"'],
    sort: '@duration desc',
    limit: 100,
  },
  'cold-starts-by-function': {
    filterStatements: ['@type = "REPORT"'],
    statsStatements: [
      'count(*) as invocations, count(@initDuration) as coldStarts, avg(@initDuration) as avgInitMs, max(@initDuration) as maxInitMs, pct(@duration, 99) as p99Ms by @log',
    ],
    sort: 'coldStarts desc',
  },
};

/** The API access log's 5xx answers (fields of http-api.ts's access log format). */
export const apiQueries: Record<string, logs.QueryStringProps> = {
  'api-5xx': {
    fields: [
      '@timestamp',
      'status',
      'method',
      'path',
      'routeKey',
      'requestId',
      'responseLatency',
      'integrationError',
    ],
    filterStatements: ['status like /^5/'],
    sort: '@timestamp desc',
    limit: 200,
  },
};

export interface SavedQueriesProps {
  readonly stackName: string;
  readonly topology: Topology;
  readonly accessLogGroupName: string;
}

/** The saved Logs Insights queries, `<stack>/<query>`, in the console's query list. */
export class SavedQueries extends Construct {
  readonly definitions: logs.QueryDefinition[] = [];

  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    const functionGroups = props.topology.functions.map((fn) =>
      logs.LogGroup.fromLogGroupName(
        this,
        `Logs-${fn.name}`,
        `/aws/lambda/${awsFunctionName(props.stackName, fn.name)}`,
      ),
    );
    const parts: logs.ILogGroup[][] = [];
    for (let i = 0; i < functionGroups.length; i += logGroupsPerQuery) {
      parts.push(functionGroups.slice(i, i + logGroupsPerQuery));
    }
    for (const [name, query] of Object.entries(functionQueries)) {
      parts.forEach((groups, index) => {
        const part = parts.length > 1 ? `-${index + 1}-of-${parts.length}` : '';
        this.define(`${props.stackName}/${name}${part}`, query, groups);
      });
    }
    const accessLogs = logs.LogGroup.fromLogGroupName(this, 'AccessLogs', props.accessLogGroupName);
    for (const [name, query] of Object.entries(apiQueries)) {
      this.define(`${props.stackName}/${name}`, query, [accessLogs]);
    }
  }

  private define(name: string, query: logs.QueryStringProps, logGroups: logs.ILogGroup[]): void {
    this.definitions.push(
      new logs.QueryDefinition(this, name.replace(/\W/g, '-'), {
        queryDefinitionName: name,
        queryString: new logs.QueryString(query),
        logGroups,
      }),
    );
  }
}
