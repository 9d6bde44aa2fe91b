import { campaignCodeKey } from './campaign';

/**
 * The campaign code a link carries in its `utm_campaign` parameter, as
 * attribution compares it; none for a link without one or that is no URL.
 */
export function campaignCodeOfLink(link: string): string | undefined {
  if (!URL.canParse(link)) return undefined;
  return campaignCodeKey(new URL(link).searchParams.get('utm_campaign') ?? undefined);
}
