/**
 * A tenant's customer-service set-up (R-CS-2, R-CS-3, R-CS-4): one document,
 * versioned as a whole, so that its cross-references (a policy's level and
 * calendar, a rule's team) are checked together when it is saved.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Local wall-clock hours of one day, `HH:MM`; `to` may be `24:00`. */
export interface OpeningHours {
  readonly from: string;
  readonly to: string;
}

/**
 * When a team works: an IANA time zone, opening hours per weekday and
 * closed days. `holidayCountry` adds that country's public holidays
 * (shipped as data) to `closedDates`.
 */
export interface BusinessCalendar {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly weekly: Readonly<Record<Weekday, readonly OpeningHours[]>>;
  readonly holidayCountry?: HolidayCountry;
  /** Further closed days, `YYYY-MM-DD` in the calendar's zone. */
  readonly closedDates: readonly string[];
}

export const holidayCountries = ['SE', 'SK'] as const;
export type HolidayCountry = (typeof holidayCountries)[number];

export const casePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof casePriorities)[number];

export const caseChannels = ['phone', 'email', 'web', 'social', 'agent'] as const;
export type CaseChannel = (typeof caseChannels)[number];

/** A level of support; accounts of the listed categories get it unless an entitlement says otherwise. */
export interface SupportLevel {
  readonly id: string;
  readonly name: string;
  readonly categoryIds: readonly string[];
}

/** What happens when a target nears or passes its due time. */
export interface EscalationPolicy {
  /** E-mail the case owner and the team lead. */
  readonly notify: boolean;
  /** On breach: one priority step up (`urgent` stays). */
  readonly raisePriority: boolean;
  /** On breach: the case moves to this team's queue. */
  readonly escalationTeamId?: string;
}

/** Targets in business minutes of the calendar for one support level and priority. */
export interface SlaPolicy {
  readonly supportLevelId: string;
  readonly priority: CasePriority;
  readonly calendarId: string;
  readonly firstResponseMinutes: number;
  readonly resolutionMinutes: number;
  /** The warning fires when this share of a target's time is used, in basis points (8 000 = 80 %). */
  readonly warnAtBasisPoints: number;
  readonly escalation: EscalationPolicy;
}

export const assignmentMethods = ['round-robin', 'least-open', 'queue'] as const;
export type AssignmentMethod = (typeof assignmentMethods)[number];

/** A team is a user group; the service settings say how its cases are shared out. */
export interface Team {
  /** The user group's id. */
  readonly groupId: string;
  readonly method: AssignmentMethod;
  /** Open cases a member holds before the next goes to someone else, or to the queue. */
  readonly capacityPerMember: number;
  /** Gets the escalation e-mails with the owner. */
  readonly leadUserId?: string;
}

/** Conditions of a routing rule; each one given must hold, a list holds when any of its values does. */
export interface RoutingConditions {
  readonly caseTypes?: readonly string[];
  readonly channels?: readonly CaseChannel[];
  readonly categoryIds?: readonly string[];
  readonly supportLevelIds?: readonly string[];
  /** Territory codes of the case's supply point. */
  readonly territories?: readonly string[];
  /** Words or phrases found in the subject or body, case- and accent-insensitively. */
  readonly keywords?: readonly string[];
}

export interface RoutingRule {
  readonly id: string;
  readonly name: string;
  readonly when: RoutingConditions;
  readonly teamId: string;
}

export interface CaseType {
  readonly code: string;
  readonly title: string;
}

export const socialPlatforms = ['messenger', 'instagram'] as const;
export type SocialPlatform = (typeof socialPlatforms)[number];

/** A page (or Instagram account) whose messages become cases. */
export interface SocialPage {
  readonly platform: SocialPlatform;
  readonly pageId: string;
}

/** Where customers write in, and what our replies come from: a verified SES identity. */
export interface ServiceMailbox {
  readonly name: string;
  readonly address: string;
}

/**
 * A kind of field work a tenant does (R-CS-5), from its own list: how long
 * it takes, what a technician must know, and whether completing it
 * exchanges the supply point's meter.
 */
export interface WorkOrderType {
  readonly code: string;
  readonly title: string;
  readonly durationMinutes: number;
  readonly requiredSkills: readonly string[];
  /** Completing it records the old meter's final and the new meter's first readings. */
  readonly meterExchange: boolean;
}

export interface ServiceSettings {
  readonly mailbox?: ServiceMailbox;
  /** Keys of the public web forms: the last part of each form's URL. */
  readonly webFormKeys: readonly string[];
  readonly socialPages: readonly SocialPage[];
  readonly caseTypes: readonly CaseType[];
  readonly calendars: readonly BusinessCalendar[];
  readonly supportLevels: readonly SupportLevel[];
  /** The level of accounts without an entitlement or a category with a level, and of unknown senders. */
  readonly defaultSupportLevelId: string;
  readonly policies: readonly SlaPolicy[];
  readonly teams: readonly Team[];
  /** In order: the first rule that matches routes the case. */
  readonly routingRules: readonly RoutingRule[];
  /** Where a case goes that no rule routes. */
  readonly defaultTeamId?: string;
  /** The field work the tenant does (R-CS-5); settings stored before there was any read with the country's defaults. */
  readonly workOrderTypes: readonly WorkOrderType[];
}
