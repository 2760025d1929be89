import type { ChannelInput, ChannelName, ChannelOutput } from '../../preload/contract';
import type { DemoCounts, DemoProgress } from '../../preload/schemas/demo';
import type { SubaccountView } from '../../preload/schemas/telephony';
import { AppError } from '../errors';
import { dispatch, type HandlerTable } from '../handlers/table';
import { parseMoney } from '../money';
import { addDays, addMonths, atLocalTime } from './dates';
import type { DemoPlan, PlannedClient } from './plan';
import { Random } from './random';

/**
 * Applies a plan exactly as a reseller would, through the handler table (every input is
 * validated by the contract and every rule of the services applies), while a movable
 * clock walks from the first day of the demo to today: clients sign up on day one, then
 * day by day the due billing cycles close and payments arrive.
 *
 * Billing choice: `billing.run` is called for every day of the window, so each cycle
 * closes on its own date with the fees dated that day, as the app would have done had it
 * run all year. Calls are imported afterwards; their charges are dated by call day.
 */
export interface DemoClock {
  current: Date;
}

/** What the reseller part of the demo created, as counts. */
export type ResellerCounts = DemoCounts;

interface ResellerWindow {
  from: string;
  today: string;
  now: Date;
  /** Calls the whole demo will import per month: sizes the payments. */
  callsPerMonth: number;
}

/** What one call costs a client on average (answered share × typical minutes × typical rate), in micros. */
const AVERAGE_CALL_CHARGE_MICROS = 25_000;
const DID_IMPORT_LINES = 10_000;

type Call = <K extends ChannelName>(name: K, input: ChannelInput<K>) => Promise<ChannelOutput<K>>;

function caller(table: HandlerTable): Call {
  return async (name, input) => {
    const result = await dispatch(table, name, input);
    if (!result.ok) throw new AppError(result.error.code, `Demo data (${name}): ${result.error.message}`, result.error.issues);
    return result.value as ChannelOutput<typeof name>;
  };
}

const micros = (text: string): number => {
  const parsed = parseMoney(text);
  return parsed.ok ? parsed.value : 0;
};

/** Whole dollars, rounded up to a multiple of 5: people pay round amounts. */
const roundAmount = (amountMicros: number): string => `${Math.max(10, Math.ceil(amountMicros / 5_000_000) * 5)}.00`;

function monthlySpend(plan: DemoPlan, client: PlannedClient, window: ResellerWindow, totalWeight: number): number {
  const pkg = plan.packages[client.packageIndex]!;
  const fees = micros(String(pkg.input.monthlyFee ?? '0')) + client.dids.reduce((sum, did) => sum + micros(did.monthlyFee), 0);
  return fees + (window.callsPerMonth * client.callWeight * AVERAGE_CALL_CHARGE_MICROS) / totalWeight;
}

interface ScheduledPayment {
  clientIndex: number;
  seconds: number;
  amount: string;
}

function schedulePayments(plan: DemoPlan, window: ResellerWindow, totalWeight: number): Map<string, ScheduledPayment[]> {
  const random = Random.stream(plan.seed, 'payments');
  const byDay = new Map<string, ScheduledPayment[]>();
  plan.clients.forEach((client, clientIndex) => {
    const spend = monthlySpend(plan, client, window, totalWeight);
    for (let month = client.payEveryMonths; ; month += client.payEveryMonths) {
      const day = addDays(addMonths(window.from, month), client.payDelayDays);
      if (day > window.today) break;
      const amount = roundAmount(spend * client.payEveryMonths * client.paymentFactor * (0.9 + random.next() * 0.2));
      const seconds = random.int(8 * 3600, 20 * 3600);
      if (day <= window.from || atLocalTime(day, seconds).getTime() > window.now.getTime()) continue;
      const list = byDay.get(day) ?? [];
      list.push({ clientIndex, seconds, amount });
      byDay.set(day, list);
    }
  });
  for (const list of byDay.values()) list.sort((a, b) => a.seconds - b.seconds || a.clientIndex - b.clientIndex);
  return byDay;
}

async function createPackages(call: Call, plan: DemoPlan, counts: ResellerCounts): Promise<number[]> {
  const packageIds: number[] = [];
  for (const pkg of plan.packages) {
    const created = await call('packages.create', pkg.input);
    packageIds.push(created.id);
    if (pkg.rates.length > 0) counts.customRates += (await call('packages.saveRates', { packageId: created.id, rates: pkg.rates })).length;
    counts.packages += 1;
  }
  return packageIds;
}

/** One client's first day: the account, an opening deposit, sub accounts on its package, its DIDs, maybe a phone. */
async function signUp(call: Call, client: PlannedClient, packageId: number, firstBillingDate: string, deposit: number, counts: ResellerCounts): Promise<number> {
  const { id: clientId } = await call('clients.create', client.input);
  counts.clients += 1;
  await call('clients.payment', { clientId, amount: roundAmount(deposit), description: `Opening deposit - ${client.paymentMethod}` });
  counts.payments += 1;
  let clientPackageId: number | null = null;
  for (const sub of client.subaccounts) {
    // The first sub account connects the package (guide: client, package, next billing date, setup now); the others share it.
    const reseller: { clientPackageId: number } | { packageId: number; nextBillingDate: string; chargeSetupNow: boolean } =
      clientPackageId === null ? { packageId, nextBillingDate: firstBillingDate, chargeSetupNow: client.chargeSetupNow } : { clientPackageId };
    const created: SubaccountView = await call('subaccounts.create', { username: sub.username, password: sub.password, description: sub.description, clientId, ...reseller });
    clientPackageId = created.clientPackageId;
    counts.subaccounts += 1;
  }
  for (const did of client.dids) {
    await call('dids.assign', { number: did.number, clientPackageId: clientPackageId!, minuteRate: did.minuteRate, monthlyFee: did.monthlyFee });
    counts.dids += 1;
  }
  if (client.hardware) {
    await call('clients.charge', { clientId, amount: client.hardware.amount, description: client.hardware.description });
    counts.charges += 1;
  }
  return clientId;
}

export async function createReseller(
  table: HandlerTable,
  clock: DemoClock,
  plan: DemoPlan,
  window: ResellerWindow,
  onProgress: (progress: DemoProgress) => void = () => undefined,
): Promise<ResellerCounts> {
  const call = caller(table);
  const counts: ResellerCounts = { packages: 0, customRates: 0, clients: 0, subaccounts: 0, dids: 0, payments: 0, charges: 0, billingCycles: 0 };
  clock.current = atLocalTime(window.from, 8 * 3600);
  const packageIds = await createPackages(call, plan, counts);
  onProgress({ stage: 'packages', done: counts.packages, total: plan.packages.length, message: `${counts.packages} packages, ${counts.customRates} custom rates` });

  // The numbers were ordered from the provider: they go into the inventory first, many lines at once.
  const inventory = plan.clients.flatMap((client) => client.dids.map((did) => `+${did.number},${client.input.city} ${client.input.state}`));
  for (let start = 0; start < inventory.length; start += DID_IMPORT_LINES) {
    await call('dids.import', { text: inventory.slice(start, start + DID_IMPORT_LINES).join('\n') });
  }

  // Sign-ups through the first day, 08:00 to 20:00.
  const totalWeight = plan.clients.reduce((sum, client) => sum + client.callWeight, 0) || 1;
  const clientIds: number[] = [];
  for (const [index, client] of plan.clients.entries()) {
    clock.current = atLocalTime(window.from, 8 * 3600 + Math.floor((index * 12 * 3600) / plan.clients.length));
    const pkg = plan.packages[client.packageIndex]!;
    const deposit = 2 * client.paymentFactor * monthlySpend(plan, client, window, totalWeight) + micros(String(pkg.input.setupFee ?? '0')) + micros(client.hardware?.amount ?? '0');
    clientIds.push(await signUp(call, client, packageIds[client.packageIndex]!, addDays(window.from, client.billingOffsetDays), deposit, counts));
    onProgress({ stage: 'clients', done: counts.clients, total: plan.clients.length, message: `client ${counts.clients} of ${plan.clients.length}` });
  }

  // Then day by day: the cycles due that day close just after midnight, payments arrive during the day.
  const payments = schedulePayments(plan, window, totalWeight);
  const totalDays = Math.round((Date.parse(window.today) - Date.parse(window.from)) / 86_400_000);
  let days = 0;
  for (let day = addDays(window.from, 1); day <= window.today; day = addDays(day, 1)) {
    const billingTime = atLocalTime(day, 15 * 60);
    clock.current = billingTime.getTime() < window.now.getTime() ? billingTime : window.now;
    counts.billingCycles += (await call('billing.run', { date: day })).cyclesClosed;
    for (const payment of payments.get(day) ?? []) {
      clock.current = atLocalTime(day, payment.seconds);
      await call('clients.payment', { clientId: clientIds[payment.clientIndex]!, amount: payment.amount, description: plan.clients[payment.clientIndex]!.paymentMethod });
      counts.payments += 1;
    }
    days += 1;
    onProgress({ stage: 'history', done: days, total: totalDays, message: `${day}: billing and payments` });
  }
  clock.current = window.now;
  return counts;
}
