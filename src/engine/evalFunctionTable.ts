/**
 * Eval functions as a table: name → implementation. Argument counts and summaries are those of the
 * language registry (src/spl/registry.ts EVAL_FUNCTIONS), the one place the diagnostics also read. New
 * function is a row here, the only list: the parser's arity check (evalFunctions.ts) reads its names.
 */
import { createHash } from 'node:crypto';
import type { EvalNode } from './evalExpr';
import { asNumber, asString, isTrue, list, mv, type Compiled, type EvalContext, type EvalValue } from './evalValue';
import { SplError } from './errors';
import { compilePcre, translateReplacement } from './regex';
import { parseRelativeTime, strftime, strptime } from './time';
import type { SplEvent } from './types';
import { compareLex, escapeRegex, formatNumber } from './values';

export interface EvalCall {
  args: Compiled[];
  nodes: EvalNode[];
  ctx: EvalContext;
  pos: number;
  /** Compiles a node (for functions that evaluate an argument once per value). */
  compile(node: EvalNode): Compiled;
}

type Impl = (c: EvalCall) => Compiled;
type Row = [name: string, impl: Impl];

/**
 * The form most rows use: the compiled arguments `a`, the first three also as x, y, z (an absent one
 * is never called: the registry's argument counts are checked first), and the call for ctx and pos.
 */
type Classic = (a: Compiled[], x: Compiled, y: Compiled, z: Compiled, call: EvalCall) => Compiled;
const classic = (f: Classic): Impl => (call) => {
  const [x, y, z] = call.args as [Compiled, Compiled, Compiled];
  return f(call.args, x, y, z, call);
};

function str1(f: (s: string) => EvalValue, a: Compiled): Compiled {
  return (e) => { const s = asString(a(e)); return s === null ? null : f(s); };
}

function num1(f: (n: number) => number, a: Compiled): Compiled {
  return (e) => { const n = asNumber(a(e)); if (n === null) return null; const r = f(n); return Number.isFinite(r) ? r : null; };
}

/** The literal value of an argument that must be constant (a regex or format), for compiling it once. */
function constantString(c: Compiled): string | null {
  try { return asString(c({})); } catch { return null; }
}

function regexArg(c: Compiled, pos: number): (e: Parameters<Compiled>[0]) => RegExp | null {
  const lit = constantString(c);
  if (lit !== null) { const re = compilePcre(lit, pos); return () => re; }
  return (e) => { const s = asString(c(e)); return s === null ? null : compilePcre(s, pos); };
}

function trimChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars === null ? ' \t\n\r' : chars;
  let a = 0, b = s.length;
  if (left) while (a < b && set.includes(s[a]!)) a++;
  if (right) while (b > a && set.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function roundHalfAway(n: number, digits: number): number {
  const f = 10 ** digits;
  return (Math.sign(n) * Math.round(Math.abs(n) * f + Number.EPSILON)) / f;
}

function tostring(v: EvalValue, format: string | null): EvalValue {
  if (v === null) return null;
  if (format === null) return asString(v);
  const n = asNumber(v);
  if (n === null) return asString(v);
  switch (format.toLowerCase()) {
    case 'hex': return `0x${Math.trunc(n).toString(16).toUpperCase()}`;
    case 'commas': {
      const r = roundHalfAway(n, 2);
      return r.toLocaleString('en-US', { maximumFractionDigits: 2 });
    }
    case 'duration': {
      const t = Math.trunc(n);
      const d = Math.floor(t / 86400), h = Math.floor((t % 86400) / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
      const hms = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
      return d > 0 ? `${d}+${hms}` : hms;
    }
    default: return asString(v);
  }
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) re += ch === '%' ? '.*' : ch === '_' ? '.' : escapeRegex(ch);
  return new RegExp(`^${re}$`, 's');
}

function hash(alg: string): (s: string) => string {
  return (s) => createHash(alg).update(s, 'utf8').digest('hex');
}



function fieldsOf(n: EvalNode, out: Set<string>): Set<string> {
  if (n.type === 'field') out.add(n.name);
  else if (n.type === 'unary') fieldsOf(n.arg, out);
  else if (n.type === 'binary') { fieldsOf(n.left, out); fieldsOf(n.right, out); }
  else if (n.type === 'call') for (const a of n.args) fieldsOf(a, out);
  return out;
}

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** C-style printf for %s %d %i %f %x %X %o %e %% with flags, width and precision. */
function printf(format: string, values: EvalValue[]): string {
  let i = 0;
  return format.replace(/%([-+ 0#]*)(\d+|\*)?(?:\.(\d+))?([sdifxXoeEgc%])/g, (_m, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const v = values[i++] ?? null;
    let s: string;
    const n = asNumber(v);
    switch (conv) {
      case 'd': case 'i': s = n === null ? '' : String(Math.trunc(n)); break;
      case 'f': s = n === null ? '' : n.toFixed(prec === undefined ? 6 : Number(prec)); break;
      case 'e': case 'E': s = n === null ? '' : n.toExponential(prec === undefined ? 6 : Number(prec)); if (conv === 'E') s = s.toUpperCase(); break;
      case 'g': s = n === null ? '' : String(n); break;
      case 'x': s = n === null ? '' : Math.trunc(n).toString(16); break;
      case 'X': s = n === null ? '' : Math.trunc(n).toString(16).toUpperCase(); break;
      case 'o': s = n === null ? '' : Math.trunc(n).toString(8); break;
      case 'c': s = n === null ? (asString(v) ?? '').slice(0, 1) : String.fromCharCode(n); break;
      default: s = asString(v) ?? ''; if (prec !== undefined) s = s.slice(0, Number(prec));
    }
    if (flags.includes('+') && n !== null && n >= 0 && 'dife'.includes(conv)) s = '+' + s;
    const w = width === undefined || width === '*' ? 0 : Number(width);
    if (s.length < w) s = flags.includes('-') ? s.padEnd(w) : flags.includes('0') && conv !== 's' ? s.padStart(w, '0') : s.padStart(w);
    return s;
  });
}

const ROWS: Row[] = [
  ['if', classic((_a, x, y, z) => (e) => (isTrue(x(e)) ? y(e) : z(e)))],
  ['case', classic((a, _x, _y, _z, call) => {
    if (a.length % 2 !== 0) throw new SplError('The case function takes pairs of condition and value.', call.pos);
    return (e) => { for (let i = 0; i < a.length; i += 2) if (isTrue(a[i]!(e))) return a[i + 1]!(e); return null; };
  })],
  ['coalesce', classic((a) => (e) => { for (const f of a) { const v = f(e); if (v !== null) return v; } return null; })],
  ['null', classic(() => () => null)],
  ['true', classic(() => () => true)],
  ['false', classic(() => () => false)],
  ['len', classic((_a, x) => str1((s) => [...s].length, x))],
  ['lower', classic((_a, x) => str1((s) => s.toLowerCase(), x))],
  ['upper', classic((_a, x) => str1((s) => s.toUpperCase(), x))],
  ...['trim', 'ltrim', 'rtrim'].map((name): Row => [name, classic((a, x, y) => {
    const l = name !== 'rtrim', r = name !== 'ltrim';
    return (e) => { const s = asString(x(e)); if (s === null) return null; return trimChars(s, a.length > 1 ? asString(y(e)) : null, l, r); };
  })]),
  ['substr', classic((a, x, y, z) => (e) => {
    const s = asString(x(e)), st = asNumber(y(e));
    if (s === null || st === null) return null;
    const chars = [...s];
    // 1-based; a negative start counts from the end.
    let from = st < 0 ? chars.length + st : st - 1;
    if (from < 0) from = 0;
    const len = a.length > 2 ? asNumber(z(e)) : null;
    if (a.length > 2 && len === null) return null;
    return chars.slice(from, len === null ? undefined : from + Math.max(0, len)).join('');
  })],
  ['replace', classic((_a, x, y, z, call) => {
    const re = regexArg(y, call.pos);
    return (e) => {
      const s = asString(x(e)), r = re(e), repl = asString(z(e));
      if (s === null || r === null || repl === null) return null;
      const g = new RegExp(r.source, r.flags.includes('g') ? r.flags : r.flags + 'g');
      return s.replace(g, translateReplacement(repl));
    };
  })],
  ['split', classic((_a, x, y) => (e) => {
    const d = asString(y(e));
    if (d === null) return null;
    const out = list(x(e)).flatMap((s) => s.split(d));
    return mv(out);
  })],
  ['mvindex', classic((a, x, y, z) => (e) => {
    const vals = list(x(e));
    const n = vals.length;
    const s0 = asNumber(y(e));
    if (s0 === null || n === 0) return null;
    const s = s0 < 0 ? n + s0 : s0;
    if (a.length < 3) return s >= 0 && s < n ? vals[s]! : null;
    const e0 = asNumber(z(e));
    if (e0 === null) return null;
    const en = e0 < 0 ? n + e0 : e0;
    if (s < 0 || s >= n || en < s) return null;
    return mv(vals.slice(s, Math.min(en, n - 1) + 1));
  })],
  ['mvcount', classic((_a, x) => (e) => { const v = x(e); return v === null ? null : list(v).length; })],
  ['mvjoin', classic((_a, x, y) => (e) => { const v = x(e), d = asString(y(e)); return v === null || d === null ? null : list(v).join(d); })],
  ['mvappend', classic((a) => (e) => mv(a.flatMap((f) => list(f(e)))))],
  ['mvdedup', classic((_a, x) => (e) => mv([...new Set(list(x(e)))]))],
  ['mvsort', classic((_a, x) => (e) => mv([...list(x(e))].sort(compareLex)))],
  ['match', classic((_a, x, y, _z, call) => {
    const re = regexArg(y, call.pos);
    return (e) => { const s = asString(x(e)), r = re(e); if (s === null || r === null) return null; r.lastIndex = 0; return r.test(s); };
  })],
  ['like', classic((_a, x, y) => {
    const lit = constantString(y);
    const fixed = lit === null ? null : likeRegex(lit);
    return (e) => {
      const s = asString(x(e));
      const r = fixed ?? (() => { const p = asString(y(e)); return p === null ? null : likeRegex(p); })();
      return s === null || r === null ? null : r.test(s);
    };
  })],
  ['in', classic((a, x) => (e) => {
    const vals = list(x(e));
    if (vals.length === 0) return null;
    for (const f of a.slice(1)) { const c = asString(f(e)); if (c !== null && vals.includes(c)) return true; }
    return false;
  })],
  ['isnull', classic((_a, x) => (e) => x(e) === null)],
  ['isnotnull', classic((_a, x) => (e) => x(e) !== null)],
  ['isnum', classic((_a, x) => (e) => { const v = x(e); return typeof v === 'number' || (typeof v === 'string' && asNumber(v) !== null); })],
  ['isint', classic((_a, x) => (e) => { const n = asNumber(x(e)); return n !== null && Number.isInteger(n); })],
  ['isstr', classic((_a, x) => (e) => { const v = x(e); return typeof v === 'string' && asNumber(v) === null; })],
  ['typeof', classic((_a, x) => (e) => {
    const v = x(e);
    if (v === null) return 'Invalid';
    if (typeof v === 'boolean') return 'Boolean';
    if (typeof v === 'number' || asNumber(v) !== null) return 'Number';
    return 'String';
  })],
  ['tonumber', classic((a, x, y) => (e) => {
    const s = asString(x(e));
    if (s === null) return null;
    const base = a.length > 1 ? asNumber(y(e)) : 10;
    if (base === null) return null;
    if (base === 10) return asNumber(s);
    const t = s.trim().replace(/^0x/i, '');
    const n = parseInt(t, base);
    return Number.isNaN(n) || !new RegExp(`^[0-9a-z]+$`, 'i').test(t) ? null : n;
  })],
  ['tostring', classic((a, x, y) => (e) => tostring(x(e), a.length > 1 ? asString(y(e)) : null))],
  ['round', classic((a, x, y) => (e) => {
    const n = asNumber(x(e));
    if (n === null) return null;
    const d = a.length > 1 ? asNumber(y(e)) ?? 0 : 0;
    const r = roundHalfAway(n, d);
    // round(x, n) keeps n decimals, as Splunk prints them.
    return d > 0 ? r.toFixed(d) : r;
  })],
  ['floor', classic((_a, x) => num1(Math.floor, x))],
  ...['ceil', 'ceiling'].map((name): Row => [name, classic((_a, x) => num1(Math.ceil, x))]),
  ['abs', classic((_a, x) => num1(Math.abs, x))],
  ['sqrt', classic((_a, x) => num1(Math.sqrt, x))],
  ['exp', classic((_a, x) => num1(Math.exp, x))],
  ['ln', classic((_a, x) => num1(Math.log, x))],
  ['pow', classic((_a, x, y) => (e) => { const b = asNumber(x(e)), p = asNumber(y(e)); return b === null || p === null ? null : b ** p; })],
  ['log', classic((a, x, y) => (e) => {
    const n = asNumber(x(e)); const b = a.length > 1 ? asNumber(y(e)) : 10;
    return n === null || b === null || n <= 0 ? null : Math.log(n) / Math.log(b);
  })],
  ['pi', classic(() => () => Math.PI)],
  ['random', classic(() => () => Math.floor(Math.random() * 2 ** 31))],
  ...['min', 'max'].map((name): Row => [name, classic((a) => (e) => {
    const vals = a.flatMap((f) => list(f(e)));
    if (vals.length === 0) return null;
    const nums = vals.map((v) => asNumber(v));
    const sign = name === 'min' ? 1 : -1;
    if (nums.every((n) => n !== null)) return (nums as number[]).reduce((p, c) => (sign * (c - p) < 0 ? c : p));
    return vals.reduce((p, c) => (sign * compareLex(c, p) < 0 ? c : p));
  })]),
  ['now', classic((_a, _x, _y, _z, call) => () => call.ctx.nowSeconds)],
  ['time', classic(() => () => formatNumber(Date.now() / 1000))],
  ['strftime', classic((_a, x, y) => (e) => {
    const t = asNumber(x(e)), f = asString(y(e));
    return t === null || f === null ? null : strftime(t, f);
  })],
  ['strptime', classic((_a, x, y) => (e) => {
    const s = asString(x(e)), f = asString(y(e));
    if (s === null || f === null) return null;
    return strptime(s, f) ?? null;
  })],
  ['relative_time', classic((_a, x, y) => (e) => {
    const t = asNumber(x(e)), m = asString(y(e));
    if (t === null || m === null) return null;
    try { return parseRelativeTime(m, t * 1000); } catch { return null; }
  })],
  ['md5', classic((_a, x) => str1(hash('md5'), x))],
  ['sha1', classic((_a, x) => str1(hash('sha1'), x))],
  ['sha256', classic((_a, x) => str1(hash('sha256'), x))],
  ['urldecode', classic((_a, x) => str1((s) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; } }, x))],
  // The index (from 0) of the first value matching the regex, or null.
  ['mvfind', ({ args: [x, y], pos }) => {
    const lit = asString(y!({}));
    const fixed = lit === null ? undefined : compilePcre(lit, pos);
    return (e) => {
      const re = fixed ?? (() => { const p = asString(y!(e)); return p === null ? undefined : compilePcre(p, pos); })();
      if (!re) return null;
      const i = list(x!(e)).findIndex((v) => { re.lastIndex = 0; return re.test(v); });
      return i < 0 ? null : i;
    };
  }],
  // Pairs values: mvzip(a, b, delim) gives "a1,b1", "a2,b2", ... up to the shorter field.
  ['mvzip', ({ args: [x, y, z] }) => (e) => {
    const a = list(x!(e)), b = list(y!(e));
    const d = z ? asString(z(e)) ?? ',' : ',';
    const n = Math.min(a.length, b.length);
    return mv(Array.from({ length: n }, (_, i) => `${a[i]}${d}${b[i]}`));
  }],
  // mvmap(field, expr): expr once per value, the field bound to that value.
  ['mvmap', ({ nodes, compile, args: [x] }) => {
    const target = nodes[0]!.type === 'field' ? nodes[0]!.name : undefined;
    const f = compile(nodes[1]!);
    return (e) => {
      const vals = list(x!(e));
      if (vals.length === 0) return null;
      const out: string[] = [];
      for (const v of vals) {
        const r = f(target === undefined ? e : { ...e, [target]: v });
        out.push(...list(r));
      }
      return mv(out);
    };
  }],
  // mvfilter(cond): the values of the one field the condition names for which it is true.
  ['mvfilter', ({ nodes, compile }) => {
    const fields = [...fieldsOf(nodes[0]!, new Set())];
    const f = compile(nodes[0]!);
    const field = fields[0];
    return (e: SplEvent) => {
      if (field === undefined) return null;
      const v = e[field];
      if (v === undefined) return null;
      const vals = typeof v === 'string' ? [v] : v;
      return mv(vals.filter((x) => isTrue(f({ ...e, [field]: x }))));
    };
  }],
  // mvrange(start, end[, step]): numbers from start up to, not including, end.
  ['mvrange', ({ args: [x, y, z] }) => (e) => {
    const a = asNumber(x!(e)), b = asNumber(y!(e)), s = z ? asNumber(z(e)) : 1;
    if (a === null || b === null || s === null || s === 0) return null;
    const out: string[] = [];
    for (let v = a; s > 0 ? v < b : v > b; v += s) { out.push(formatNumber(v)); if (out.length >= 100_000) break; }
    return mv(out);
  }],
  ['cidrmatch', ({ args: [x, y] }) => (e) => {
    const cidr = asString(x!(e)), ip = asString(y!(e));
    if (cidr === null || ip === null) return null;
    const m = /^([\d.]+)(?:\/(\d{1,2}))?$/.exec(cidr.trim());
    const net = m ? ipv4(m[1]!) : undefined, addr = ipv4(ip);
    if (net === undefined || addr === undefined) return false;
    const bits = m![2] === undefined ? 32 : Number(m![2]);
    if (bits > 32) return false;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return ((net & mask) >>> 0) === ((addr & mask) >>> 0);
  }],
  ['nullif', ({ args: [x, y] }) => (e) => { const a = x!(e), b = y!(e); return asString(a) !== null && asString(a) === asString(b) ? null : a; }],
  ['printf', ({ args }) => (e) => { const f = asString(args[0]!(e)); return f === null ? null : printf(f, args.slice(1).map((a) => a(e))); }],
  ['sha512', ({ args: [x] }) => (e) => { const s = asString(x!(e)); return s === null ? null : createHash('sha512').update(s, 'utf8').digest('hex'); }],
];

export const EVAL_FUNCTION_TABLE: ReadonlyMap<string, Impl> = new Map(ROWS);
