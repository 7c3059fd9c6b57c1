// How many days back a message says something happened, from the date recognizer's resolutions
// ("3 weeks ago" is a span, "on monday" a date, "last month" a range). Pure: the recognizer itself
// runs on the service's recognizer thread (bot/recognizer-thread.worker.ts).

const DAY_MS = 86_400_000;

/** One resolution of recognizers-text-date-time, as much of it as is read here. */
export interface DateResolution {
  type?: string;
  value?: string;
  start?: string;
  end?: string;
}

/** Days back from `reference` that the first usable resolution says, or undefined. */
export function daysAgoOf(resolutions: Iterable<DateResolution>, reference: Date): number | undefined {
  for (const value of resolutions) {
    const days = daysOf(value, reference);
    if (days !== undefined) return days;
  }
  return undefined;
}

/** Days back from `reference` that one resolution says: a date, the middle of a range, or a span's length. */
function daysOf(value: DateResolution, reference: Date): number | undefined {
  const daysBefore = (date: string) => Math.round((reference.getTime() - new Date(`${date}T12:00:00Z`).getTime()) / DAY_MS);
  if (value.type === 'duration' && value.value !== undefined) return Math.round(Number(value.value) / 86_400);
  if (value.type === 'date' && value.value !== undefined) {
    const days = daysBefore(value.value);
    // "On monday" resolves to the last and the next one: the past one is meant.
    return days >= 0 ? days : undefined;
  }
  if (value.type === 'daterange' && value.start !== undefined && value.end !== undefined) {
    const middle = (daysBefore(value.start) + daysBefore(value.end)) / 2;
    return middle >= 0 ? Math.round(middle) : undefined;
  }
  return undefined;
}
