import type { DealService } from './deals/deal-service';
import type { ConversionService } from './leads/conversion-service';
import type { LeadPipeline } from './leads/lead-pipeline';
import type { LeadService } from './leads/lead-service';
import type { LeadSourceService } from './leads/lead-source-service';
import type { OfferService } from './offers/offer-service';
import type { SalesProjection } from './reports/sales-projection';
import type { SalesReportService } from './reports/sales-report-service';
import type { SalesSettingsService } from './sales-settings-service';

/** What the sales module offers through its API: leads, deals, their conversion, offers and the sales rules. */
export interface SalesServices {
  readonly leads: LeadService;
  readonly deals: DealService;
  readonly conversions: ConversionService;
  readonly salesSettings: SalesSettingsService;
  readonly offers: OfferService;
}

/** Lead sources and their signed webhook. */
export interface LeadSourceServices {
  readonly sources: LeadSourceService;
}

/** Scoring, qualifying and routing leads from their events. */
export interface LeadPipelineServices {
  readonly pipeline: LeadPipeline;
}

export interface SalesReportServices {
  /** The forecast, win/loss and funnel reports (R-SA-5, R-MK-1). */
  readonly reports: SalesReportService;
  /** What the `sales-reports` consumer runs for each event. */
  readonly projection: SalesProjection;
}
