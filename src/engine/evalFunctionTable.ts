/**
 * Eval functions as a table: name → implementation. Argument counts and summaries are those of the
 * language registry (src/spl/registry.ts EVAL_FUNCTIONS), the one place the diagnostics also read. New
 * functions go here; the older ones are still the switch in evalFunctions.ts.
 */
import { createHash } from 'node:crypto';
import type { EvalNode } from './evalExpr';
import { asNumber, asString, isTrue, list, mv, type Compiled, type EvalContext, type EvalValue } from './evalValue';
import { compilePcre } from './regex';
import type { SplEvent } from './types';
import { formatNumber } from './values';

export interface EvalCall {
  args: Compiled[];
  nodes: EvalNode[];
  ctx: EvalContext;
  pos: number;
  /** Compiles a node (for functions that evaluate an argument once per value). */
  compile(node: EvalNode): Compiled;
}

type Impl = (c: EvalCall) => Compiled;


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

const ROWS: [string, Impl][] = [
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
