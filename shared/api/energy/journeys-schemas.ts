import * as z from 'zod';
import { idSchema, lineText, multilineText, pageOf, pageQuery } from '#api/common/common-schemas';
import { journeyActions, journeyStates, journeyTypes } from '#domain/energy/journeys';
import { readingKinds } from '#domain/energy/meter-readings';
import { registerPattern } from '#domain/energy/reading-service';

const calendarDate = (description: string) => z.iso.date().meta({ description, example: '2025-04-01' });
const register = z.string().regex(registerPattern, '1–40 letters, digits or . _ : * -').meta({
  description: 'The register read, e.g. `1.8.0`, `HT`, `NT` or `gas`.',
  example: '1.8.0',
});

const readingFields = {
  register,
  date: calendarDate('The day the meter was read, YYYY-MM-DD.'),
  value: z
    .int()
    .min(0)
    .max(Number.MAX_SAFE_INTEGER)
    .meta({ description: 'The counter in whole units of the register (kWh, m³).', example: 12_345 }),
  kind: z.enum(readingKinds),
  meterNumber: lineText.min(1).max(40).optional().meta({
    description:
      'The meter read; defaults to the supply point’s meter. Another meter number than the previous reading’s is a meter change: its value may be lower.',
  }),
};

export const recordReadingBody = z.strictObject(readingFields).meta({
  id: 'RecordMeterReading',
  description:
    'A reading lower than the one before it on the same meter is refused (400 naming `value`); so is a second reading of the same register and meter on one day.',
});

export const readingSchema = z
  .object({
    id: z.string(),
    supplyPointId: z.string(),
    register: z.string(),
    date: z.string(),
    value: z.int(),
    kind: z.enum(readingKinds),
    meterNumber: z.string(),
    recordedAt: z.iso.datetime(),
    recordedBy: z.string(),
    journeyId: z
      .string()
      .optional()
      .meta({ description: 'The journey that recorded it as its opening or closing reading.' }),
  })
  .meta({ id: 'MeterReading' });

export const readingPage = pageOf(readingSchema, 'MeterReadingPage');

export const readingsQuery = z.strictObject({
  ...pageQuery,
  register: register.optional().meta({
    description: 'Only this register. Without it, register by register, each newest first.',
  }),
});

export const consumptionQuery = z.strictObject({
  register: register.optional().meta({ description: 'Only this register.' }),
});

export const consumptionSchema = z
  .object({
    supplyPointId: z.string(),
    register: z.string().optional(),
    periods: z.array(
      z.object({
        register: z.string(),
        meterNumber: z.string(),
        fromDate: z.string(),
        toDate: z.string(),
        consumption: z.int().meta({ description: 'Whole units of the register between the two readings.' }),
        estimated: z.boolean().meta({ description: 'Either reading is an estimate.' }),
      }),
    ),
  })
  .meta({
    id: 'Consumption',
    description:
      'Consumption between consecutive readings of each register and meter; none is derived across a meter change.',
  });

export const openJourneyBody = z
  .strictObject({
    type: z.enum(journeyTypes),
    supplyPointId: idSchema.meta({ description: 'The journey’s account is the supply point’s.' }),
    effectiveDate: calendarDate('The requested date of the switch, move, installation or termination.')
      .optional()
      .meta({ description: 'The requested date; may be given or changed when submitting.' }),
    note: multilineText.max(2000).optional(),
  })
  .meta({ id: 'OpenJourney' });

export const journeyReadingBody = z.strictObject(readingFields).meta({
  id: 'JourneyReading',
  description: 'Recorded as a meter reading of the supply point, marked with the journey.',
});

export const transitionJourneyBody = z
  .strictObject({
    action: z.enum(journeyActions),
    effectiveDate: calendarDate(
      'submit: the requested date (needed unless a new installation); confirm: the date the distributor set (needed for a new installation).',
    ).optional(),
    reason: multilineText
      .min(1)
      .max(500)
      .optional()
      .meta({ description: 'reject: needed; cancel: optional.' }),
    openingReading: journeyReadingBody.optional().meta({
      description: 'make-effective: needed for move-in and new-installation, optional for a switch.',
    }),
    closingReading: journeyReadingBody
      .optional()
      .meta({ description: 'make-effective: needed for move-out and termination.' }),
  })
  .meta({
    id: 'TransitionJourney',
    description:
      'requested →submit→ submitted →confirm→ confirmed →make-effective→ effective; submitted →reject→ rejected; requested, submitted or confirmed →cancel→ cancelled. An action the state does not allow answers 409 naming the state.',
  });

export const journeySchema = z
  .object({
    id: z.string(),
    type: z.enum(journeyTypes),
    state: z.enum(journeyStates),
    allowedActions: z
      .array(z.enum(journeyActions))
      .meta({ description: 'What the state allows next; empty once final.' }),
    accountId: z.string(),
    supplyPointId: z.string(),
    effectiveDate: z.string().optional(),
    openingReading: readingSchema.optional(),
    closingReading: readingSchema.optional(),
    reason: z.string().optional(),
    note: z.string().optional(),
    history: z.array(
      z.object({
        action: z.enum(journeyActions),
        from: z.enum(journeyStates),
        to: z.enum(journeyStates),
        at: z.iso.datetime(),
      }),
    ),
    createdAt: z.iso.datetime(),
    createdBy: z.string(),
    updatedAt: z.iso.datetime(),
    updatedBy: z.string(),
    version: z.int().meta({ description: 'Also sent as the ETag; send it back in If-Match to move on.' }),
  })
  .meta({ id: 'Journey' });

export const journeyPage = pageOf(journeySchema, 'JourneyPage');

export const accountJourneysQuery = z.strictObject({
  ...pageQuery,
  state: z
    .enum(['open', 'all'])
    .default('open')
    .meta({ description: '`open` (the default): not yet effective, rejected or cancelled.' }),
});
