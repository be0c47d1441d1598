/**
 * Splunk time modifiers and time formatting. All calendar arithmetic is in UTC: the local engine has no
 * user time zone setting, and UTC keeps results identical on every machine.
 */
import { SplError } from './errors';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Normalises Splunk's many unit spellings to s, m, h, d, w, mon, q, y. */
export function normaliseUnit(u: string): string | undefined {
  const x = u.toLowerCase();
  if (['s', 'sec', 'secs', 'second', 'seconds'].includes(x)) return 's';
  if (['m', 'min', 'mins', 'minute', 'minutes'].includes(x)) return 'm';
  if (['h', 'hr', 'hrs', 'hour', 'hours'].includes(x)) return 'h';
  if (['d', 'day', 'days'].includes(x)) return 'd';
  if (['w', 'week', 'weeks'].includes(x) || /^w[0-7]$/.test(x)) return x.length === 2 ? x : 'w';
  if (['mon', 'month', 'months'].includes(x)) return 'mon';
  if (['q', 'qtr', 'qtrs', 'quarter', 'quarters'].includes(x)) return 'q';
  if (['y', 'yr', 'yrs', 'year', 'years'].includes(x)) return 'y';
  return undefined;
}

function addUnits(ms: number, amount: number, unit: string): number {
  if (unit in UNIT_SECONDS) return ms + amount * UNIT_SECONDS[unit]! * 1000;
  const d = new Date(ms);
  const months = unit === 'mon' ? amount : unit === 'q' ? amount * 3 : amount * 12;
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.getTime();
}

function snap(ms: number, unit: string): number {
  const d = new Date(ms);
  switch (unit) {
    case 's': d.setUTCMilliseconds(0); break;
    case 'm': d.setUTCSeconds(0, 0); break;
    case 'h': d.setUTCMinutes(0, 0, 0); break;
    case 'd': d.setUTCHours(0, 0, 0, 0); break;
    case 'mon': d.setUTCHours(0, 0, 0, 0); d.setUTCDate(1); break;
    case 'q': d.setUTCHours(0, 0, 0, 0); d.setUTCDate(1); d.setUTCMonth(d.getUTCMonth() - (d.getUTCMonth() % 3)); break;
    case 'y': d.setUTCHours(0, 0, 0, 0); d.setUTCMonth(0, 1); break;
    default: {
      // @w is @w0 (Sunday); @w1 Monday ... @w7 is Sunday again.
      const target = unit === 'w' ? 0 : Number(unit.slice(1)) % 7;
      d.setUTCHours(0, 0, 0, 0);
      const back = (d.getUTCDay() - target + 7) % 7;
      d.setUTCDate(d.getUTCDate() - back);
    }
  }
  return d.getTime();
}

const ABSOLUTE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?::(\d{1,2}):(\d{1,2}):(\d{1,2}))?$/;

/**
 * Resolves a Splunk time modifier (`now`, `0`, epoch seconds, `-24h@h`, `@d`, `-7d@w1+8h`,
 * `%m/%d/%Y:%H:%M:%S`, or an ISO 8601 string) to epoch seconds.
 */
export function parseRelativeTime(modifier: string, nowMs: number): number {
  const m = modifier.trim();
  if (m === '' || m.toLowerCase() === 'now') return nowMs / 1000;
  if (/^-?\d+(\.\d+)?$/.test(m)) return Number(m);
  const abs = ABSOLUTE.exec(m);
  if (abs) {
    const [, mo, da, yr, hh, mi, ss] = abs;
    return Date.UTC(Number(yr), Number(mo) - 1, Number(da), Number(hh ?? 0), Number(mi ?? 0), Number(ss ?? 0)) / 1000;
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(m)) {
    const t = parseTimestampMs(m);
    if (t !== undefined) return t / 1000;
  }
  let ms = nowMs;
  let rest = m;
  const offsetRe = /^([+-])(\d*)([a-zA-Z]+\d?)/;
  const applyOffsets = (): void => {
    let o: RegExpExecArray | null;
    while ((o = offsetRe.exec(rest))) {
      const unit = normaliseUnit(o[3]!);
      if (!unit || /^w\d$/.test(unit)) throw badModifier(modifier);
      const n = o[2] === '' ? 1 : Number(o[2]);
      ms = addUnits(ms, o[1] === '-' ? -n : n, unit);
      rest = rest.slice(o[0].length);
    }
  };
  applyOffsets();
  if (rest.startsWith('@')) {
    const s = /^@([a-zA-Z]+\d?)/.exec(rest);
    const unit = s ? normaliseUnit(s[1]!) : undefined;
    if (!s || !unit) throw badModifier(modifier);
    ms = snap(ms, unit);
    rest = rest.slice(s[0].length);
    applyOffsets();
  }
  if (rest !== '') throw badModifier(modifier);
  return ms / 1000;
}

function badModifier(m: string): SplError {
  return new SplError(`Invalid time modifier '${m}'.`);
}

const ISO_NO_ZONE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?$/;

/** Parses ISO-like timestamps and epoch numbers (seconds or milliseconds) to epoch ms; zone-less is UTC. */
export function parseTimestampMs(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? (Math.abs(v) >= 1e11 ? v : v * 1000) : undefined;
  const fast = isoUtcFast(v);
  if (fast !== undefined) return fast;
  const s = v.trim();
  if (s === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(s)) return parseTimestampMs(Number(s));
  const nz = ISO_NO_ZONE.exec(s);
  if (nz) {
    const frac = nz[7] ? Number(`0.${nz[7]}`) * 1000 : 0;
    return Date.UTC(+nz[1]!, +nz[2]! - 1, +nz[3]!, +nz[4]!, +nz[5]!, +(nz[6] ?? 0)) + Math.round(frac);
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const num2 = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);

/**
 * `YYYY-MM-DDTHH:MM:SS[.fff]Z`, the shape of most JSON timestamps, parsed without regexes or Date.parse
 * (this runs once per event read). Anything else returns undefined for the general path.
 */
function isoUtcFast(s: string): number | undefined {
  const n = s.length;
  if ((n !== 20 && n !== 24) || s.charCodeAt(n - 1) !== 90 /* Z */ || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return undefined;
  if (n === 24 && s[19] !== '.') return undefined;
  for (const i of n === 24 ? FAST_DIGITS_MS : FAST_DIGITS) { const d = digit(s, i); if (d < 0 || d > 9) return undefined; }
  const ms = n === 24 ? digit(s, 20) * 100 + num2(s, 21) : 0;
  return Date.UTC(num2(s, 0) * 100 + num2(s, 2), num2(s, 5) - 1, num2(s, 8), num2(s, 11), num2(s, 14), num2(s, 17), ms);
}
const FAST_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const FAST_DIGITS_MS = [...FAST_DIGITS, 20, 21, 22];

/** Epoch seconds as Splunk prints `_time` in epoch form: integer, or with milliseconds when there are any. */
export function formatEpochSeconds(ms: number): string {
  return ms % 1000 === 0 ? String(ms / 1000) : (ms / 1000).toFixed(3);
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** strftime with the common specifiers Splunk documents; UTC. */
export function strftime(epochSeconds: number, format: string): string {
  const ms = Math.round(epochSeconds * 1000);
  const d = new Date(ms);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%' || i === format.length - 1) { out += c; continue; }
    let spec = format[++i]!;
    let digits = 0;
    if (/[0-9]/.test(spec) && (format[i + 1] === 'N' || format[i + 1] === 'Q')) { digits = Number(spec); spec = format[++i]!; }
    switch (spec) {
      case 'Y': out += d.getUTCFullYear(); break;
      case 'y': out += pad(d.getUTCFullYear() % 100); break;
      case 'm': out += pad(d.getUTCMonth() + 1); break;
      case 'd': out += pad(d.getUTCDate()); break;
      case 'e': out += String(d.getUTCDate()).padStart(2, ' '); break;
      case 'H': out += pad(d.getUTCHours()); break;
      case 'I': out += pad(((d.getUTCHours() + 11) % 12) + 1); break;
      case 'p': out += d.getUTCHours() < 12 ? 'AM' : 'PM'; break;
      case 'M': out += pad(d.getUTCMinutes()); break;
      case 'S': out += pad(d.getUTCSeconds()); break;
      case 'j': out += pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3); break;
      case 'a': out += DAYS[d.getUTCDay()]!.slice(0, 3); break;
      case 'A': out += DAYS[d.getUTCDay()]; break;
      case 'w': out += d.getUTCDay(); break;
      case 'b': case 'h': out += MONTHS[d.getUTCMonth()]!.slice(0, 3); break;
      case 'B': out += MONTHS[d.getUTCMonth()]; break;
      case 'Z': out += 'UTC'; break;
      case 'z': out += '+0000'; break;
      case 's': out += Math.floor(ms / 1000); break;
      case 'T': out += `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`; break;
      case 'F': out += `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`; break;
      case 'D': out += `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`; break;
      case 'N': case 'Q': case 'f': {
        const n = digits || (spec === 'f' ? 6 : spec === 'Q' ? 3 : 9);
        out += pad(d.getUTCMilliseconds(), 3).padEnd(n, '0').slice(0, n);
        break;
      }
      case '%': out += '%'; break;
      default: out += `%${spec}`;
    }
  }
  return out;
}

/** strptime for the common specifiers; returns epoch seconds or undefined when the text does not fit. */
export function strptime(text: string, format: string): number | undefined {
  let re = '';
  const parts: string[] = [];
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') { re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); continue; }
    let spec = format[++i] ?? '';
    if (/[0-9]/.test(spec) && (format[i + 1] === 'N' || format[i + 1] === 'Q')) spec = format[++i]!;
    const group = (p: string): void => { re += `(${p})`; parts.push(spec); };
    switch (spec) {
      case 'Y': group('\\d{4}'); break;
      case 'y': case 'm': case 'd': case 'H': case 'M': case 'S': case 'I': group('\\d{1,2}'); break;
      case 'e': group(' ?\\d{1,2}'); break;
      case 'j': group('\\d{1,3}'); break;
      case 'p': group('[AaPp][Mm]'); break;
      case 'b': case 'h': case 'B': group('[A-Za-z]+'); break;
      case 'a': case 'A': group('[A-Za-z]+'); break;
      case 'z': group('Z|[+-]\\d{2}:?\\d{2}'); break;
      case 'Z': group('[A-Za-z]+'); break;
      case 's': group('\\d+'); break;
      case 'N': case 'Q': case 'f': group('\\d+'); break;
      case 'T': re += '(\\d{1,2}):(\\d{1,2}):(\\d{1,2})'; parts.push('H', 'M', 'S'); break;
      case 'F': re += '(\\d{4})-(\\d{1,2})-(\\d{1,2})'; parts.push('Y', 'm', 'd'); break;
      case '%': re += '%'; break;
      default: return undefined;
    }
  }
  const m = new RegExp(`^${re}`).exec(text);
  if (!m) return undefined;
  let Y = 1970, mo = 1, d = 1, H = 0, M = 0, S = 0, frac = 0, pm: boolean | undefined, zoneMin = 0, epoch: number | undefined;
  parts.forEach((p, i) => {
    const v = m[i + 1]!.trim();
    switch (p) {
      case 'Y': Y = +v; break;
      case 'y': Y = +v + (+v < 69 ? 2000 : 1900); break;
      case 'm': mo = +v; break;
      case 'd': case 'e': d = +v; break;
      case 'H': case 'I': H = +v; break;
      case 'M': M = +v; break;
      case 'S': S = +v; break;
      case 'p': pm = v.toLowerCase() === 'pm'; break;
      case 'b': case 'h': case 'B': {
        const idx = MONTHS.findIndex((x) => x.toLowerCase().startsWith(v.toLowerCase().slice(0, 3)));
        if (idx >= 0) mo = idx + 1;
        break;
      }
      case 'z': if (v !== 'Z') { const s = v.replace(':', ''); zoneMin = (s[0] === '-' ? -1 : 1) * (+s.slice(1, 3) * 60 + +s.slice(3, 5)); } break;
      case 's': epoch = +v; break;
      case 'N': case 'Q': case 'f': frac = Number(`0.${v}`); break;
      case 'j': mo = 1; d = +v; break;
    }
  });
  if (epoch !== undefined) return epoch;
  if (pm !== undefined) H = (H % 12) + (pm ? 12 : 0);
  return Date.UTC(Y, mo - 1, d, H, M, S) / 1000 + frac - zoneMin * 60;
}
