import { pathToFileURL } from 'node:url';
import { type Booking, freeSlots, type SlotRequest, type Technician } from '#domain/field-service/free-slots';
import { defaultServiceSettings } from '#domain/service/default-service-settings';
import { interleaved, percentile } from './stats';

/**
 * The free-slot search for one work order (R-CS-5) among 10 and among 200
 * technicians, each busy with four one-hour jobs a working day over the two
 * weeks searched: the computation alone, as the booking service will run it
 * on what it read. Every fourth technician lacks the skill, every fifth
 * works another territory, so the filter does its part.
 */
export interface FreeSlotBenchResult {
  readonly rounds: number;
  readonly p50: { readonly small: number; readonly large: number };
  readonly slots: { readonly small: number; readonly large: number };
}

const calendar = defaultServiceSettings('SE').calendars[0] as Technician['calendar'];
const from = new Date('2026-12-07T00:00:00Z');
const days = 14;
const request: SlotRequest = {
  durationMinutes: 60,
  requiredSkills: ['meter-exchange'],
  territory: 'SE3',
  from,
  until: new Date(from.getTime() + days * 86_400_000),
  stepMinutes: 15,
  arrivalWindowMinutes: 120,
  limit: 20,
};

function crew(count: number): { technicians: Technician[]; bookings: Booking[] } {
  const technicians = Array.from({ length: count }, (_, i) => ({
    userId: `tech-${String(i).padStart(3, '0')}`,
    skills: i % 4 === 3 ? ['inspection'] : ['meter-exchange', 'inspection'],
    territories: i % 5 === 4 ? ['SE4'] : ['SE3'],
    calendar,
    absences: i % 7 === 0 ? [{ from: '2026-12-08T00:00:00Z', to: '2026-12-10T00:00:00Z' }] : [],
  }));
  const bookings = technicians.flatMap((t, i) =>
    Array.from({ length: days }, (_, d) =>
      // Six jobs from 07:15 UTC (08:15 in Stockholm), 80 minutes apart, shifted a little per technician.
      Array.from({ length: 6 }, (_, j) => {
        const start = from.getTime() + d * 86_400_000 + (7 * 60 + 15 + ((i * 5) % 30) + j * 80) * 60_000;
        return {
          userId: t.userId,
          start: new Date(start).toISOString(),
          end: new Date(start + 45 * 60_000).toISOString(),
        };
      }),
    ).flat(),
  );
  return { technicians, bookings };
}

export async function freeSlotBench(rounds = 300): Promise<FreeSlotBenchResult> {
  const small = crew(10);
  const large = crew(200);
  const search = (c: ReturnType<typeof crew>) => async () => freeSlots(c.technicians, c.bookings, request);
  await interleaved(Math.min(50, rounds), { small: search(small), large: search(large) });
  const measured = await interleaved(rounds, { small: search(small), large: search(large) });
  return {
    rounds,
    p50: { small: percentile(measured.small, 50), large: percentile(measured.large, 50) },
    slots: {
      small: freeSlots(small.technicians, small.bookings, request).length,
      large: freeSlots(large.technicians, large.bookings, request).length,
    },
  };
}

export function printFreeSlotBench(r: FreeSlotBenchResult): void {
  console.log(
    `\nFree-slot search for one work order over two weeks, ${r.rounds} interleaved rounds, p50 in ms:`,
  );
  console.log(`  10 technicians    ${r.p50.small.toFixed(3)}   (${r.slots.small} slots answered)`);
  console.log(
    `  200 technicians   ${r.p50.large.toFixed(3)}   (${r.slots.large} slots answered)   ratio ${(r.p50.large / r.p50.small).toFixed(1)}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npx tsx bench/free-slots.ts [rounds]`
  printFreeSlotBench(await freeSlotBench(Number(process.argv[2] ?? 300)));
}
