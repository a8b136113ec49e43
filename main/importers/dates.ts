/** Returns `YYYY-MM-DD` if it names a real calendar day, else null. */
export function validIsoDate(year: string, month: string, day: string): string | null {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Reads a date at the start of a value such as `2023-04-13` or `2023-04-13T09:00:00Z`. */
export function leadingIsoDate(value: string): string | null {
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])/.exec(value);
  return match ? validIsoDate(match[1]!, match[2]!, match[3]!) : null;
}

/**
 * The `date 2023-04-13` marker some clipping tools put at the top of a file, possibly followed
 * on the same line by the headline. Returns the date and what follows it on the line.
 */
export function readDateMarker(line: string): { date: string; rest: string } | null {
  const match = /^\s*date\s*:?\s+(\d{4})-(\d{2})-(\d{2})(?=\s|$)(.*)$/i.exec(line);
  if (!match) return null;
  const date = validIsoDate(match[1]!, match[2]!, match[3]!);
  return date ? { date, rest: match[4]!.trim() } : null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A document property's created date, as weak evidence of publication: not when it is today or
 * later (the file was just made or saved, which says nothing about when the text was published),
 * nor yesterday (a time zone away from today).
 */
export function propertyDate(date: string | null, now: Date = new Date()): string | null {
  if (date === null) return null;
  const yesterday = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  return date >= yesterday ? null : date;
}
