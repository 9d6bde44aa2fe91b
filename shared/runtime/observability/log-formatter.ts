import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { currentCorrelation } from '#adapters/observability/correlation';

/**
 * Powertools' JSON log line (its keys, without the X-Ray and sampling ones
 * Gridline does not use) with the current correlation: every line carries
 * `correlation_id`, and `tenant_id`, `event_id` and `message_id` when the
 * work has them, so one Logs Insights filter finds a whole story.
 */
export class CorrelatedLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const correlation = currentCorrelation();
    const context = attributes.lambdaContext;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: attributes.serviceName,
        cold_start: context?.coldStart,
        function_name: context?.functionName,
        function_request_id: context?.awsRequestId,
        correlation_id: correlation?.correlationId,
        tenant_id: correlation?.tenantId,
        event_id: correlation?.eventId,
        message_id: correlation?.messageId,
      },
    }).addAttributes(additional);
  }
}
