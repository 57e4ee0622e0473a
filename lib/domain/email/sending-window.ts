/** Sending only in the client's local daytime: the window is whole hours [startHour, endHour) in their timezone. */
type SendingWindow = { startHour: number; endHour: number };

function localParts(at: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", hour: "numeric", minute: "numeric", second: "numeric" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: get("hour"), minute: get("minute"), second: get("second") };
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** `at` if it falls inside the window in `timeZone` (an unknown zone counts as UTC), else the next opening of the window. */
export function nextSendTime(at: Date, timeZone: string, window: SendingWindow): Date {
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  const { hour, minute, second } = localParts(at, zone);
  if (hour >= window.startHour && hour < window.endHour) return at;
  const hoursUntilStart = (window.startHour - hour + 24) % 24 || 24;
  const candidate = new Date(at.getTime() + hoursUntilStart * 3_600_000 - (minute * 60 + second) * 1000 - at.getMilliseconds());
  // A daylight-saving change can shift the local hour by one: step to the window's start.
  const check = localParts(candidate, zone).hour;
  if (check === window.startHour) return candidate;
  return new Date(candidate.getTime() + ((window.startHour - check + 24) % 24) * 3_600_000);
}
