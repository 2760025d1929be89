import { addDays, weekday } from './dates';
import { Random, WeightedPicker } from './random';

/**
 * When people call: a business-hours day with a lunch dip, quieter evenings, and
 * weekends at about a third of a weekday. Calls are spread over the days in proportion
 * (largest remainders, so the total is exact) and written in time order.
 */
const HOURS_WEEKDAY = [0.3, 0.2, 0.12, 0.1, 0.1, 0.2, 0.6, 1.6, 4.2, 7, 8, 7.6, 5.6, 6.6, 7.4, 7.2, 6.2, 4.6, 3.2, 2.6, 2.1, 1.6, 1.1, 0.6];
const HOURS_WEEKEND = [0.6, 0.4, 0.25, 0.15, 0.1, 0.15, 0.3, 0.7, 1.5, 2.8, 3.8, 4.4, 4.5, 4.4, 4.2, 4.1, 4.1, 4.2, 4.3, 4.1, 3.6, 2.8, 1.9, 1.1];
/** Sunday … Saturday, relative to a Monday. */
const DAY_FACTORS = [0.28, 1, 1.02, 1, 0.98, 0.92, 0.38];

interface TrafficDay {
  day: string;
  count: number;
  /** Calls start before this second of the day (86,400 except today, cut at the current time). */
  endSecond: number;
  hours: number[];
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** The hour profile of a day, cut at `endSecond` (today: no calls after now). */
function hourWeights(day: string, endSecond: number): number[] {
  const profile = weekday(day) === 0 || weekday(day) === 6 ? HOURS_WEEKEND : HOURS_WEEKDAY;
  return profile.map((weight, hour) => weight * Math.min(1, Math.max(0, (endSecond - hour * 3600) / 3600)));
}

export function planTraffic(from: string, today: string, nowSecond: number, total: number): TrafficDay[] {
  const days: TrafficDay[] = [];
  for (let day = from; day <= today; day = addDays(day, 1)) {
    const endSecond = day === today ? nowSecond : 86_400;
    days.push({ day, count: 0, endSecond, hours: hourWeights(day, endSecond) });
  }
  const weights = days.map((entry) => {
    const full = weekday(entry.day) === 0 || weekday(entry.day) === 6 ? HOURS_WEEKEND : HOURS_WEEKDAY;
    return DAY_FACTORS[weekday(entry.day)]! * (sum(entry.hours) / sum(full));
  });
  const totalWeight = sum(weights);
  if (totalWeight <= 0) return days;
  const shares = weights.map((weight) => (total * weight) / totalWeight);
  let given = 0;
  days.forEach((entry, index) => {
    entry.count = Math.floor(shares[index]!);
    given += entry.count;
  });
  const byRemainder = shares.map((share, index) => ({ index, rest: share - Math.floor(share) })).sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (let k = 0; given < total; k += 1, given += 1) days[byRemainder[k % byRemainder.length]!.index]!.count += 1;
  return days;
}

/** The start seconds of a day's calls, in order. */
export function callTimes(entry: TrafficDay, random: Random): Int32Array {
  const times = new Int32Array(entry.count);
  if (entry.count === 0) return times;
  const picker = new WeightedPicker(
    entry.hours.map((_, hour) => hour),
    (hour) => entry.hours[hour]!,
  );
  for (let index = 0; index < entry.count; index += 1) {
    const hour = picker.pick(random);
    const last = Math.min(3599, entry.endSecond - hour * 3600 - 1);
    times[index] = hour * 3600 + random.int(0, Math.max(0, last));
  }
  return times.sort();
}
