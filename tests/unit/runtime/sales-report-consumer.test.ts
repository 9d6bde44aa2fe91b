import { describe, expect, it } from 'vitest';
import { eventNamesOf } from '#domain/event-catalogue';
import { salesEventDefinitions, salesReportQueueEvents } from '#runtime/sales-report-consumer';

describe('the sales reports’ consumer', () => {
  it('reads every event of the sales source, as its rule routes them, and signed contracts', () => {
    // The sales source spans four modules' events, listed by hand: a fifth must be added there too.
    expect(Object.keys(salesEventDefinitions).toSorted()).toEqual(eventNamesOf('gridline.sales').toSorted());
    expect(Object.keys(salesReportQueueEvents).toSorted()).toEqual(
      [...eventNamesOf('gridline.sales'), 'ContractSigned'].toSorted(),
    );
  });
});
