import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { cdrCsvHeader, cdrCsvLine, toProviderRecord, type ProviderCall } from '../cdr';
import type { CallDisposition } from '../engine/types';
import { chargeFor } from '../engine/charge';
import { roundUpToPulse } from '../engine/integerMath';
import { micros, parseRate, rateE8, type RateE8 } from '../money';
import { DEFAULT_MAIN_ACCOUNT } from '../services/settings';
import { addDays, cdrDate, demoWindow, secondsOfDay } from './dates';
import { CANADA_AREAS, DESTINATIONS, INBOUND_COST_RATE, USA_AREAS, nanpNumber, nanpPlace, type Destination } from './destinations';
import { FIRST_NAMES, LAST_NAMES } from './people';
import type { DemoPlan, PlannedClient } from './plan';
import { Random, WeightedPicker } from './random';
import { callTimes, planTraffic } from './traffic';

/**
 * The demo's calls as the provider's portal CSV, streamed to a file day by day (only one
 * day's start times are held in memory, so a million-row month needs no more than a
 * small one). The benchmark calls this on its own to get a file for an existing reseller.
 */
export interface DemoCallOptions {
  /** Calls in the file, in total. */
  cdrs: number;
  /** The last instant of the window ("today"); calls run from the day after the window opens (`months` months back) up to it. */
  now: Date;
  months?: number;
  /** Defaults to the plan's seed. */
  seed?: number;
  /** The provider account the sub accounts belong to (`100000_alice`). */
  mainAccount?: string;
  /** The first `uniqueid`; the next calls count up from it. Change it to write a second file that imports alongside the first. */
  firstCallId?: number;
  onProgress?: (written: number, total: number) => void;
}

export interface DemoCallFile {
  path: string;
  calls: number;
  /** Calls on sub accounts this reseller does not know (they import as unrated). */
  unknownAccountCalls: number;
  bytes: number;
  /** First and last day the calls can fall on (YYYY-MM-DD). */
  from: string;
  to: string;
}

const INBOUND_SHARE = 0.3;
const ON_NET_SHARE = 0.02;
const DISPOSITIONS: readonly { value: CallDisposition; weight: number }[] = [
  { value: 'ANSWERED', weight: 75 },
  { value: 'NO ANSWER', weight: 14 },
  { value: 'BUSY', weight: 6 },
  { value: 'FAILED', weight: 5 },
];
const FLUSH_AT = 1 << 20;

/** A handful on unknown accounts: 0.1 % of the calls, at least 5. */
export const unknownAccountCallCount = (cdrs: number): number => (cdrs === 0 ? 0 : Math.min(cdrs, Math.max(5, Math.round(cdrs / 1000))));

interface PreparedDestination {
  description: string;
  number: Destination['number'];
  costRate: RateE8;
  stepSeconds: number;
  weights: Record<PlannedClient['countryCode'], number>;
}

function rate(text: string): RateE8 {
  const parsed = parseRate(text);
  if (!parsed.ok) throw new Error(`Bad demo rate ${text}`);
  return parsed.value;
}

class CallMaker {
  private readonly clients: WeightedPicker<PlannedClient>;
  private readonly outbound: Record<PlannedClient['countryCode'], WeightedPicker<PreparedDestination>>;
  private readonly dispositions = new WeightedPicker(DISPOSITIONS, (entry) => entry.weight);
  private readonly allDids: string[];
  private readonly inboundRate = rate(INBOUND_COST_RATE);
  private readonly nanpAreas = [...CANADA_AREAS, ...USA_AREAS].map((area) => area.areaCode);

  constructor(
    private readonly plan: DemoPlan,
    private readonly random: Random,
    private readonly mainAccount: string,
  ) {
    this.clients = new WeightedPicker(plan.clients, (client) => client.callWeight);
    const prepared: PreparedDestination[] = DESTINATIONS.map((destination) => ({
      description: `Outgoing to ${destination.label}`,
      number: destination.number,
      costRate: rate(destination.costRate),
      stepSeconds: destination.stepSeconds,
      weights: { CA: destination.weightFromCanada, US: destination.weightFromUsa },
    }));
    this.outbound = {
      CA: new WeightedPicker(prepared, (entry) => entry.weights.CA),
      US: new WeightedPicker(prepared, (entry) => entry.weights.US),
    };
    this.allDids = plan.clients.flatMap((client) => client.dids.map((did) => did.number));
  }

  /** Long-tailed: a few hang-ups of seconds, most calls a minute or two, some of an hour. */
  private duration(): number {
    if (this.random.chance(0.08)) return this.random.int(1, 10);
    return Math.min(4 * 3600, Math.max(1, Math.round(this.random.logNormal(75, 1))));
  }

  private incomingCaller(client: PlannedClient): string {
    const local = this.random.chance(0.7);
    const number = nanpNumber(local ? client.callerNumber.slice(1, 4) : this.random.pick(this.nanpAreas), this.random);
    if (this.random.chance(0.5)) return `"${number}" <${number}>`;
    const name = `${this.random.pick(LAST_NAMES)} ${this.random.pick(FIRST_NAMES).charAt(0)}`.toUpperCase();
    return `"${name}" <${number}>`;
  }

  make(day: string, second: number, callId: string, unknownAccount: boolean): ProviderCall {
    const client = this.clients.pick(this.random);
    const account = unknownAccount ? this.random.pick(this.plan.unknownAccounts) : this.random.pick(client.subaccounts).username;
    const disposition = this.dispositions.pick(this.random).value;
    const seconds = disposition === 'ANSWERED' ? this.duration() : 0;
    let destination: string;
    let description: string;
    let callerId = `"${client.callerName}" <${client.callerNumber}>`;
    let costRate: RateE8;
    let stepSeconds = 6;
    if (!unknownAccount && client.dids.length > 0 && this.random.chance(INBOUND_SHARE)) {
      // Provider quirk: on an inbound call `destination` is the DID that was called.
      destination = this.random.pick(client.dids).number;
      description = 'Inbound DID';
      callerId = this.incomingCaller(client);
      costRate = this.inboundRate;
    } else if (this.allDids.length > 1 && this.random.chance(ON_NET_SHARE)) {
      // A call to another number of the provider: VoIP.ms to VoIP.ms calls cost nothing.
      destination = this.random.pick(this.allDids);
      description = `Outgoing to ${nanpPlace(destination)}`;
      costRate = rateE8(0);
    } else {
      const target = this.outbound[client.countryCode].pick(this.random);
      destination = target.number(this.random);
      description = target.description;
      costRate = target.costRate;
      stepSeconds = target.stepSeconds;
    }
    // The provider bills the reseller in its own steps: 6 s for most destinations, 60 s for a few.
    const costTotal = seconds === 0 ? 0 : chargeFor(costRate, roundUpToPulse(seconds, stepSeconds));
    return {
      callId,
      startedAt: cdrDate(day, second),
      callerId,
      destination,
      description,
      account: `${this.mainAccount}_${account}`,
      disposition,
      seconds,
      costRate,
      costTotal: micros(costTotal),
    };
  }
}

/** Waits for the file to take the chunk; a failed stream (bad path, full disk) throws instead of hanging. */
async function write(stream: WriteStream, text: string): Promise<void> {
  if (stream.errored) throw stream.errored;
  if (!stream.write(text)) await once(stream, 'drain');
}

export async function writeDemoCdrCsv(path: string, plan: DemoPlan, options: DemoCallOptions): Promise<DemoCallFile> {
  if (!Number.isSafeInteger(options.cdrs) || options.cdrs < 0) throw new RangeError('cdrs must be a whole number, 0 or more');
  if (plan.clients.length === 0 && options.cdrs > 0) throw new RangeError('A plan without clients has nobody to make calls');
  const { from, today } = demoWindow(options.now, options.months ?? 12);
  const random = Random.stream(options.seed ?? plan.seed, 'calls');
  // Clients sign up on the first day of the window; their calls start the day after.
  const firstDay = addDays(from, 1);
  const days = planTraffic(firstDay, today, secondsOfDay(options.now), options.cdrs);
  const unknown = new Set<number>();
  const unknownCount = unknownAccountCallCount(options.cdrs);
  while (unknown.size < unknownCount) unknown.add(random.int(0, options.cdrs - 1));
  const unknownInOrder = [...unknown].sort((a, b) => a - b);
  const maker = new CallMaker(plan, random, options.mainAccount ?? DEFAULT_MAIN_ACCOUNT);
  const firstCallId = options.firstCallId ?? 1_000_000_000;

  const stream = createWriteStream(path);
  let index = 0;
  let nextUnknown = 0;
  try {
    // Lines are joined per flush: one flat string per megabyte instead of a growing rope.
    let lines: string[] = [cdrCsvHeader()];
    let pending = 0;
    for (const day of days) {
      for (const second of callTimes(day, random)) {
        const unknownAccount = unknownInOrder[nextUnknown] === index;
        if (unknownAccount) nextUnknown += 1;
        const line = cdrCsvLine(toProviderRecord(maker.make(day.day, second, String(firstCallId + index), unknownAccount)));
        lines.push(line);
        pending += line.length;
        index += 1;
        if (pending >= FLUSH_AT) {
          await write(stream, lines.join(''));
          lines = [];
          pending = 0;
        }
      }
      options.onProgress?.(index, options.cdrs);
    }
    stream.end(lines.join(''));
    await finished(stream);
  } catch (error) {
    stream.destroy();
    throw error;
  }
  return { path, calls: index, unknownAccountCalls: unknownCount, bytes: stream.bytesWritten, from: firstDay, to: today };
}
