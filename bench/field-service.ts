import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { monotonicFactory } from 'ulid';
import type { Appointment } from '#domain/field-service/appointment';
import { arrivalWindowMinutes } from '#domain/field-service/booking-service';
import { holdOf } from '#domain/field-service/field-writes';
import type { WorkOrder } from '#domain/field-service/work-order';
import type { SalesActor } from '#domain/sales/sales-ports';
import { defaultCalendarId } from '#domain/service/default-service-settings';
import type { TenantProfile } from '#domain/tenant';
import { accountsServices } from '#runtime/accounts-services';
import { energyServices } from '#runtime/energy-services';
import { fieldServiceServices } from '#runtime/field-service-services';
import type { ItemKey } from '#table/core/key-template';
import { createTable, type Table } from '#table/core/table';
import { DynamoTenantDirectory } from '#table/core/tenant-directory';
import { appointmentEntity, bookedUnitEntity, workOrderEntity } from '#table/field-service/entities';
import { appointmentItem, workOrderItem } from '#table/field-service/field-service-items';
import { DynamoWorkOrderStore } from '#table/field-service/work-order-store';
import { createLocalTable } from '../lib/local/create-table';
import {
  LOCAL_DYNAMODB_CREDENTIALS,
  LOCAL_DYNAMODB_REGION,
  startDynamoDbLocal,
} from '../lib/local/dynamodb-local';
import type { DemoTenant } from '../lib/local/seed';
import { seedDemoUsers } from '../lib/local/seed-users';
import { fillTable } from './batch-write';
import { benchTenant } from './bench-tenant';
import { interleaved, percentile } from './stats';

/**
 * The free-slot search for one work order (R-CS-5) through
 * `BookingService.freeSlots` over DynamoDB Local, with 10 technicians
 * against 200, each count on a table of its own: the reads of the work
 * order, the users, the technicians' profiles, the service settings and
 * the bookings of the windows searched (a day, then twice the days until
 * the slots are found) are part of what is timed, beside the computation
 * alone in `free-slots.ts`.
 *
 * The technicians are users with the technician role, set up through the
 * technician service on office hours: every fourth lacks the electrical
 * skill, every fifth works another territory, every seventh is away two
 * days. Each is booked for three or four one-hour visits a working day,
 * written with BatchWriteItem as the work order store lays out work orders,
 * appointments and the quarter hours they hold; one visit per table is
 * booked through `BookingService.book`, and its items must match that
 * layout. The search is for a connection (two hours, electrical) at a
 * supply point in the crew's territory.
 */
export interface FieldServiceBenchOptions {
  readonly rounds?: number;
  readonly small?: number;
  readonly large?: number;
  /** Default: `AWS_ENDPOINT_URL_DYNAMODB`, as the local runtime sets it. */
  readonly dynamoEndpoint?: string;
  /** BatchWriteItem requests in flight while filling. */
  readonly concurrency?: number;
}

export interface SearchSamples {
  readonly technicians: number;
  /** Of them, those with the skill and the territory. */
  readonly qualified: number;
  /** Visits held in the two weeks searched. */
  readonly bookings: number;
  readonly p50: number;
  readonly p95: number;
  /** Slots answered (the limit). */
  readonly slots: number;
  /** DynamoDB requests of one search, by command. */
  readonly requests: Readonly<Record<string, number>>;
  readonly setupSeconds: number;
}

export interface FieldServiceBenchResult {
  readonly rounds: number;
  readonly limit: number;
  readonly days: number;
  readonly search: { readonly small: SearchSamples; readonly large: SearchSamples };
}

const day = 86_400_000;
const minute = 60_000;
/** The clock of the services: the Friday before the Monday the search starts. */
const now = new Date('2026-12-04T12:00:00Z');
const from = new Date('2026-12-07T00:00:00Z');
const days = 14;
const until = new Date(from.getTime() + days * day);
const limit = 20;
const territory = 'ELLEVIO-STHLM';
const otherTerritory = 'VATTENFALL-NORR';
/** Every seventh technician is away these two days. */
const absence = { from: '2026-12-08T00:00:00Z', to: '2026-12-10T00:00:00Z', reason: 'utbildning' };
/** The booked visits: one-hour inspections. */
const visitMinutes = 60;

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: LOCAL_DYNAMODB_REGION,
  credentials: LOCAL_DYNAMODB_CREDENTIALS,
});

/** A client that counts the commands it sends, by name. */
function countingClient(endpoint: string, counts: Map<string, number>): DynamoDBClient {
  const client = new DynamoDBClient(clientConfig(endpoint));
  client.middlewareStack.add(
    (next, context) => (args) => {
      const name = (context.commandName as string).replace(/Command$/, '');
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countRequests' },
  );
  return client;
}

/** Technician `i` of the crew, as the admin sets them up. */
const technicianFields = (i: number) => ({
  skills: i % 4 === 3 ? ['metering'] : ['electrical', 'metering'],
  territories: [i % 5 === 4 ? otherTerritory : territory],
  calendarId: defaultCalendarId,
  absences: i % 7 === 0 ? [absence] : [],
});

const qualifiedCount = (count: number) =>
  Array.from({ length: count }, (_, i) => technicianFields(i)).filter(
    (t) => t.skills.includes('electrical') && t.territories.includes(territory),
  ).length;

/**
 * Technician `i`'s visits on working day `d` (0-based over the weekdays
 * searched), none while away: three or four, from 08:15 Stockholm time (the
 * search is in winter) two hours apart, a quarter hour later per technician
 * up to 45 minutes, so a two-hour job fits only after the last of three.
 */
function visitStarts(i: number, d: number, date: number): number[] {
  const at = new Date(date).toISOString();
  if (i % 7 === 0 && at >= absence.from && at < absence.to) return [];
  const count = (i + d) % 2 === 0 ? 4 : 3;
  const shift = ((i * 15) % 60) * minute;
  return Array.from({ length: count }, (_, j) => date + (7 * 60 + 15 + j * 120) * minute + shift);
}

/** The weekdays of the two weeks searched, as UTC midnights. */
const workingDays = Array.from({ length: days }, (_, d) => from.getTime() + d * day).filter((t) => {
  const weekday = new Date(t).getUTCDay();
  return weekday !== 0 && weekday !== 6;
});

/** A scheduled inspection with its booked visit, and the quarter hours it holds: the items of one booking. */
function bookingItems(
  tenant: TenantProfile,
  adminId: string,
  technicianId: string,
  start: number,
  ids: () => string,
): Record<string, unknown>[] {
  const at = now.toISOString();
  const stamps = (id: string) => ({
    id,
    tenantId: tenant.id,
    createdAt: at,
    createdBy: adminId,
    updatedAt: at,
    updatedBy: adminId,
  });
  const workOrderId = ids();
  const appointmentId = ids();
  const arrival = Math.floor(start / 3_600_000) * 3_600_000;
  const appointment: Appointment = {
    ...stamps(appointmentId),
    version: 1,
    workOrderId,
    technicianId,
    start: new Date(start).toISOString(),
    end: new Date(start + visitMinutes * minute).toISOString(),
    arrival: {
      from: new Date(arrival).toISOString(),
      to: new Date(arrival + arrivalWindowMinutes * minute).toISOString(),
    },
    status: 'booked',
  };
  const workOrder: WorkOrder = {
    ...stamps(workOrderId),
    version: 2,
    type: 'inspection',
    title: 'Besiktning',
    description: '',
    status: 'scheduled',
    statusChangedAt: at,
    priority: 'normal',
    durationMinutes: visitMinutes,
    requiredSkills: [],
    meterExchange: false,
    notify: 'none',
    appointmentCount: 1,
    appointmentId,
    technicianId,
  };
  const hold = holdOf(appointment);
  return [
    workOrderItem(workOrder),
    appointmentItem(appointment),
    ...hold.units.map((unit) =>
      bookedUnitEntity.item({ appointmentId }, { key: { tenantId: tenant.id, technicianId, unit } }),
    ),
  ];
}

/** The stored item of `key`, layout attributes and all. */
async function rawItem(table: Table, key: ItemKey) {
  const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: key }));
  return Item;
}

/**
 * A fresh table with a tenant, its admin and `count` technicians set up
 * through the user and technician services, their visits written with
 * BatchWriteItem, one more booked through the booking service, and the
 * connection to search for; answers the search and its request counts.
 */
async function fieldTable(endpoint: string, count: number, concurrency: number) {
  const started = performance.now();
  const counts = new Map<string, number>();
  const name = `bench-field-${count}-${randomUUID()}`;
  await createLocalTable(new DynamoDBClient(clientConfig(endpoint)), name);
  const table = createTable(name, countingClient(endpoint, counts));
  const profile = benchTenant();
  await new DynamoTenantDirectory(table).save(profile);
  const tenantId = profile.id;
  const user = (n: string, role: 'admin' | 'technician') => ({
    sub: `${tenantId}-${n}`,
    tenantId,
    email: `${n}@${tenantId}.example`,
    groups: [role] as const,
  });
  const crew = Array.from({ length: count }, (_, i) => user(`tech${i}`, 'technician'));
  const tenant: DemoTenant = { profile, users: [user('admin', 'admin'), ...crew] };
  await seedDemoUsers(table, [tenant]);
  const admin: SalesActor = { tenantId, userId: `${tenantId}-admin`, roles: ['admin'] };
  const services = fieldServiceServices({ table }, { clock: { now: () => now } });
  for (let first = 0; first < count; first += concurrency)
    await Promise.all(
      crew
        .slice(first, first + concurrency)
        .map((t, k) => services.technicians.put(admin, t.sub, undefined, technicianFields(first + k))),
    );

  // The visits, as the work order store writes bookings.
  const ids = monotonicFactory();
  const items: Record<string, unknown>[] = [];
  crew.forEach((t, i) => {
    workingDays.forEach((date, d) => {
      for (const start of visitStarts(i, d, date))
        items.push(...bookingItems(profile, admin.userId, t.sub, start, () => ids(now.getTime())));
    });
  });
  const written = items.filter((item) => item.entity === 'Appointment').length;
  await fillTable(table, items, concurrency);

  // One visit booked as a dispatcher books it: it must find free time among the others and be laid out as they are.
  const inspection = (await services.workOrders.create(admin, { type: 'inspection', notify: 'none' })).value;
  const [slot] = await services.booking.freeSlots(admin, inspection.id, { from, until, limit: 1 });
  if (!slot) throw new Error('no free slot for an inspection');
  const booked = (
    await services.booking.book(admin, inspection.id, { technicianId: slot.userId, start: slot.start })
  ).value;
  const keys = { tenantId, workOrderId: booked.workOrder.id };
  const stored = {
    workOrder: await rawItem(table, workOrderEntity.key(keys)),
    appointment: await rawItem(
      table,
      appointmentEntity.key({ ...keys, appointmentId: booked.appointment.id }),
    ),
  };
  if (
    !isDeepStrictEqual(stored.workOrder, workOrderItem(booked.workOrder)) ||
    !isDeepStrictEqual(stored.appointment, appointmentItem(booked.appointment))
  )
    throw new Error(
      'the bench lays out bookings otherwise than the work order store: update bench/field-service.ts',
    );
  const held = await new DynamoWorkOrderStore(table).bookings(tenantId, from, until);
  if (held.length !== written + 1)
    throw new Error(`the search reads ${held.length} bookings, not the ${written + 1} written`);

  // The job searched for: a connection at a supply point in the crew's territory.
  const energy = energyServices({ table });
  await energy.referenceData.createTerritory(admin, {
    code: territory,
    name: 'Ellevio Stockholm',
    country: 'SE',
    commodity: 'electricity',
  });
  const account = await accountsServices({ table }).accounts.create(admin, {
    name: 'Bageri Solrosen AB',
    customerType: 'B2B',
    email: 'info@solrosen.example',
  });
  const point = await energy.supplyPoints.create(admin, {
    identifier: '735999100000123450',
    commodity: 'electricity',
    country: 'SE',
    accountId: account.value.id,
    territoryCode: territory,
    customerType: 'B2B',
    address: { street: 'Storgatan', houseNumber: '1', postcode: '111 11', city: 'Stockholm', country: 'SE' },
  });
  const connection = (
    await services.workOrders.create(admin, {
      type: 'connection',
      supplyPointId: point.value.id,
      notify: 'none',
    })
  ).value;
  if (connection.territory !== territory || !connection.requiredSkills.includes('electrical'))
    throw new Error('the connection asks for neither the territory nor the electrical skill');

  const search = () => services.booking.freeSlots(admin, connection.id, { from, until, limit });
  /** One search's requests, by command. */
  const requestsOfOne = async () => {
    counts.clear();
    const slots = await search();
    return { slots: slots.length, requests: Object.fromEntries(counts) };
  };
  return {
    search,
    requestsOfOne,
    bookings: held.length,
    setupSeconds: (performance.now() - started) / 1000,
  };
}

export async function fieldServiceBench(
  options: FieldServiceBenchOptions = {},
): Promise<FieldServiceBenchResult> {
  const rounds = options.rounds ?? 100;
  const small = options.small ?? 10;
  const large = options.large ?? 200;
  const concurrency = options.concurrency ?? 16;
  const endpoint = options.dynamoEndpoint ?? process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('no DynamoDB endpoint: start the local runtime or pass dynamoEndpoint');

  const few = await fieldTable(endpoint, small, concurrency);
  const many = await fieldTable(endpoint, large, concurrency);
  const contenders = { small: few.search, large: many.search };
  // Warm both tables' paths (tenant profile cache, connections, JIT) before measuring.
  await interleaved(Math.min(50, rounds), contenders);
  const measured = await interleaved(rounds, contenders);
  const samples = async (technicians: number, t: typeof few, all: number[]): Promise<SearchSamples> => ({
    technicians,
    qualified: qualifiedCount(technicians),
    bookings: t.bookings,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    ...(await t.requestsOfOne()),
    setupSeconds: t.setupSeconds,
  });
  return {
    rounds,
    limit,
    days,
    search: {
      small: await samples(small, few, measured.small),
      large: await samples(large, many, measured.large),
    },
  };
}

export function printFieldServiceBench(r: FieldServiceBenchResult): void {
  const { small, large } = r.search;
  console.log(
    `\nFree-slot search through BookingService.freeSlots over DynamoDB Local (a two-hour connection, limit ${r.limit}, ${r.days} days; 3–4 one-hour visits a technician a working day), ${small.technicians} vs ${large.technicians} technicians, ${r.rounds} interleaved rounds, ms:`,
  );
  const requests = (s: SearchSamples) =>
    `${Object.values(s.requests).reduce((a, b) => a + b, 0)} DynamoDB requests (${Object.entries(s.requests)
      .map(([command, n]) => `${n} ${command}`)
      .join(', ')})`;
  const row = (s: SearchSamples) =>
    `  ${String(s.technicians).padStart(3)} technicians (${String(s.qualified).padStart(3)} qualified, ${String(s.bookings).padStart(5)} visits)   p50 ${s.p50.toFixed(2)}   p95 ${s.p95.toFixed(2)}   (${s.slots} slots; ${requests(s)}; set up in ${s.setupSeconds.toFixed(1)} s)`;
  console.log(row(small));
  console.log(`${row(large)}   ratio p50 ${(large.p50 / small.p50).toFixed(1)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // `npx tsx bench/field-service.ts [rounds] [technicians]`: on a DynamoDB Local of its own.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const dynamo = await startDynamoDbLocal();
  try {
    printFieldServiceBench(
      await fieldServiceBench({
        rounds: Number(process.argv[2] ?? process.env.BENCH_ROUNDS ?? 100),
        large: Number(process.argv[3] ?? 200),
        dynamoEndpoint: dynamo.endpoint,
      }),
    );
  } finally {
    await dynamo.stop();
  }
}
