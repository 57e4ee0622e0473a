/**
 * Unix cron schedules (five fields: minute hour day-of-month month day-of-week, in UTC; an optional
 * "TZ=…" prefix is not supported) as Inngest's crons use them: numbers, `*`, `*\/n`, ranges and lists.
 */
type Field = ReadonlySet<number>;
type CronSchedule = { minute: Field; hour: Field; dayOfMonth: Field; month: Field; dayOfWeek: Field; anyDay: { dom: boolean; dow: boolean } };

const RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function parseField(text: string, [min, max]: [number, number]): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`Bad cron step "${part}"`);
    let [from, to] = [min, max];
    if (range !== "*") {
      const [a, b] = range.split("-");
      from = Number(a);
      to = b === undefined ? (stepText === undefined ? from : max) : Number(b);
    }
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < min || to > max || from > to) throw new Error(`Bad cron field "${part}"`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`A cron schedule has five fields: "${expression}"`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(f, RANGES[i] ?? [0, 0]));
  if (!minute || !hour || !dom || !month || !dow) throw new Error(`Bad cron schedule "${expression}"`);
  if (dow.has(7)) dow.add(0);
  return { minute, hour, dayOfMonth: dom, month, dayOfWeek: dow, anyDay: { dom: fields[2] === "*", dow: fields[4] === "*" } };
}

export function cronMatches(schedule: CronSchedule, at: Date): boolean {
  if (!schedule.minute.has(at.getUTCMinutes()) || !schedule.hour.has(at.getUTCHours()) || !schedule.month.has(at.getUTCMonth() + 1)) return false;
  const dom = schedule.dayOfMonth.has(at.getUTCDate());
  const dow = schedule.dayOfWeek.has(at.getUTCDay());
  // Cron's rule: when both day fields are restricted, either may match.
  if (!schedule.anyDay.dom && !schedule.anyDay.dow) return dom || dow;
  return dom && dow;
}

/**
 * The latest minute at or before `now`, and not before `notBefore`, at which the schedule fires; null if none
 * in that window. The engine fires a slot once, so a tick that comes late still fires the slot it missed.
 */
export function latestSlot(schedule: CronSchedule, now: Date, notBefore: Date): Date | null {
  const minute = 60_000;
  for (let t = Math.floor(now.getTime() / minute) * minute; t >= notBefore.getTime(); t -= minute) {
    if (cronMatches(schedule, new Date(t))) return new Date(t);
  }
  return null;
}
