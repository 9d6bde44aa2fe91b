import { clockTimeOf, isoDateOf, wallTimeOf } from '#domain/activities/zoned-time';
import type { Appointment } from './appointment';
import type { WorkOrder } from './work-order';

export type NoticeKind = 'booked' | 'rescheduled' | 'cancelled';

/** A notice's words in the tenant's language: Swedish, Slovak, else English. */
const words = {
  sv: {
    booked: (what: string, when: string) => ({ subject: `Bokad tid: ${what}`, text: `Vi kommer ${when}.` }),
    rescheduled: (what: string, when: string) => ({
      subject: `Ny tid: ${what}`,
      text: `Besöket är flyttat. Vi kommer ${when}.`,
    }),
    cancelled: (what: string, when: string) => ({
      subject: `Avbokad: ${what}`,
      text: `Besöket ${when} är avbokat. Vi hör av oss om en ny tid.`,
    }),
    between: (day: string, from: string, to: string) => `${day} mellan ${from} och ${to}`,
  },
  sk: {
    booked: (what: string, when: string) => ({
      subject: `Termín návštevy: ${what}`,
      text: `Prídeme ${when}.`,
    }),
    rescheduled: (what: string, when: string) => ({
      subject: `Nový termín: ${what}`,
      text: `Návšteva je presunutá. Prídeme ${when}.`,
    }),
    cancelled: (what: string, when: string) => ({
      subject: `Zrušená návšteva: ${what}`,
      text: `Návšteva ${when} je zrušená. Ozveme sa s novým termínom.`,
    }),
    between: (day: string, from: string, to: string) => `${day} medzi ${from} a ${to}`,
  },
  en: {
    booked: (what: string, when: string) => ({
      subject: `Appointment booked: ${what}`,
      text: `We will arrive ${when}.`,
    }),
    rescheduled: (what: string, when: string) => ({
      subject: `Appointment moved: ${what}`,
      text: `Your visit has moved. We will arrive ${when}.`,
    }),
    cancelled: (what: string, when: string) => ({
      subject: `Appointment cancelled: ${what}`,
      text: `The visit ${when} is cancelled. We will be in touch about a new time.`,
    }),
    between: (day: string, from: string, to: string) => `on ${day} between ${from} and ${to}`,
  },
} as const;

const languageOf = (country: string) => (country === 'SE' ? 'sv' : country === 'SK' ? 'sk' : 'en');

const maxTitle = 120;

/** The arrival window in the customer's zone: `2027-01-12 mellan 08:00 och 10:00`. */
function windowText(
  a: Appointment,
  zone: string,
  between: (day: string, from: string, to: string) => string,
) {
  const from = wallTimeOf(new Date(a.arrival.from), zone);
  const to = wallTimeOf(new Date(a.arrival.to), zone);
  return between(isoDateOf(from), clockTimeOf(from), clockTimeOf(to));
}

/** What the customer is told of a visit booked, moved or cancelled: a subject line and one short text. */
export function appointmentNotice(
  kind: NoticeKind,
  wo: WorkOrder,
  appointment: Appointment,
  tenant: { readonly country: string; readonly timeZone: string },
): { readonly subject: string; readonly text: string } {
  const w = words[languageOf(tenant.country)];
  // A subject line has room for 200 characters; a long title is cut.
  const what =
    [...wo.title].length > maxTitle ? `${[...wo.title].slice(0, maxTitle - 1).join('')}…` : wo.title;
  return w[kind](what, windowText(appointment, tenant.timeZone, w.between));
}
