/** `2024-05-01 12:00:00` (UTC), with milliseconds only when there are any: the timeline's and its range's words. */
export function formatEventTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, 19).replace('T', ' ') + (ms % 1000 === 0 ? '' : iso.slice(19, 23));
}

/** A bucket span in words: `1 min`, `12 h`, `7 days`, `100 ms`. */
export function formatSpan(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's'], [1, 'ms']];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return name === 'day' ? `${n} day${n === 1 ? '' : 's'}` : `${n} ${name}`;
    }
  }
  return `${ms} ms`;
}
