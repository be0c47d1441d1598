/**
 * The expression language of `eval` and `where`: parsing with positions, then compiling to closures.
 * Precedence (Splunk's eval): OR/XOR < AND < NOT < comparison/LIKE < + - . < * / % < unary minus.
 */
import { SplError } from './errors';
import { unescapeQuoted } from './lexer';
import { callFunction, FUNCTION_ARITY } from './evalFunctions';
import { EVAL_FUNCTIONS } from '../spl/registry';
import { compareLex } from './values';
import { asNumber, asString, isTrue, type Compiled, type EvalContext, type EvalValue } from './evalValue';

export type { Compiled, EvalContext, EvalValue } from './evalValue';

export type EvalNode =
  | { type: 'num'; value: number; pos: number }
  | { type: 'str'; value: string; pos: number }
  | { type: 'field'; name: string; pos: number }
  | { type: 'unary'; op: '-' | 'NOT'; arg: EvalNode; pos: number }
  | { type: 'binary'; op: string; left: EvalNode; right: EvalNode; pos: number }
  | { type: 'call'; name: string; args: EvalNode[]; pos: number };

interface EToken { kind: 'num' | 'str' | 'field' | 'ident' | 'op' | '(' | ')' | ','; text: string; pos: number }

function lex(text: string, offset: number): EToken[] {
  const out: EToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const pos = offset + i;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"' || c === "'") {
      const start = i;
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) throw new SplError('Unbalanced quotes.', pos);
      out.push({ kind: c === '"' ? 'str' : 'field', text: unescapeQuoted(text.slice(start + 1, i)), pos });
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
    if (num) { out.push({ kind: 'num', text: num[0], pos }); i += num[0].length; continue; }
    const id = /^[A-Za-z_@][A-Za-z0-9_@:]*/.exec(text.slice(i));
    if (id) { out.push({ kind: 'ident', text: id[0], pos }); i += id[0].length; continue; }
    const op = /^(==|!=|<=|>=|<>|[=<>+\-*/%.!])/.exec(text.slice(i));
    if (op) { out.push({ kind: 'op', text: op[0], pos }); i += op[0].length; continue; }
    if (c === '(' || c === ')' || c === ',') { out.push({ kind: c, text: c, pos }); i++; continue; }
    throw new SplError(`Unexpected character '${c}' in expression.`, pos);
  }
  return out;
}

const KEYWORDS = new Set(['AND', 'OR', 'XOR', 'NOT', 'LIKE', 'IN']);

class EvalParser {
  i = 0;
  constructor(readonly toks: EToken[], readonly endPos: number) {}

  private peek(): EToken | undefined { return this.toks[this.i]; }
  private isKw(kw: string): boolean {
    const t = this.peek();
    return t?.kind === 'ident' && t.text.toUpperCase() === kw;
  }
  private isOp(...ops: string[]): boolean {
    const t = this.peek();
    return t?.kind === 'op' && ops.includes(t.text);
  }

  parseExpression(): EvalNode { return this.parseOr(); }

  private parseOr(): EvalNode {
    let left = this.parseAnd();
    while (this.isKw('OR') || this.isKw('XOR')) {
      const t = this.toks[this.i++]!;
      left = { type: 'binary', op: t.text.toUpperCase(), left, right: this.parseAnd(), pos: t.pos };
    }
    return left;
  }

  private parseAnd(): EvalNode {
    let left = this.parseNot();
    while (this.isKw('AND')) {
      const t = this.toks[this.i++]!;
      left = { type: 'binary', op: 'AND', left, right: this.parseNot(), pos: t.pos };
    }
    return left;
  }

  private parseNot(): EvalNode {
    if (this.isKw('NOT') || this.isOp('!')) {
      const t = this.toks[this.i++]!;
      return { type: 'unary', op: 'NOT', arg: this.parseNot(), pos: t.pos };
    }
    return this.parseComparison();
  }

  private parseComparison(): EvalNode {
    let left = this.parseAdditive();
    for (;;) {
      if (this.isOp('=', '==', '!=', '<>', '<', '>', '<=', '>=')) {
        const t = this.toks[this.i++]!;
        const op = t.text === '==' ? '=' : t.text === '<>' ? '!=' : t.text;
        left = { type: 'binary', op, left, right: this.parseAdditive(), pos: t.pos };
      } else if (this.isKw('IN') && this.toks[this.i + 1]?.kind === '(') {
        // x IN ("a", "b"): the in() function.
        const t = this.toks[this.i]!;
        this.i += 2;
        const args: EvalNode[] = [left];
        if (this.peek()?.kind !== ')') {
          for (;;) {
            args.push(this.parseExpression());
            if (this.peek()?.kind === ',') { this.i++; continue; }
            break;
          }
        }
        if (this.peek()?.kind !== ')') throw new SplError("Expected ')' to close 'IN ('.", this.peek()?.pos ?? this.endPos);
        this.i++;
        left = { type: 'call', name: 'in', args, pos: t.pos };
      } else if (this.isKw('LIKE')) {
        const t = this.toks[this.i++]!;
        left = { type: 'call', name: 'like', args: [left, this.parseAdditive()], pos: t.pos };
      } else return left;
    }
  }

  private parseAdditive(): EvalNode {
    let left = this.parseMultiplicative();
    while (this.isOp('+', '-', '.')) {
      const t = this.toks[this.i++]!;
      left = { type: 'binary', op: t.text, left, right: this.parseMultiplicative(), pos: t.pos };
    }
    return left;
  }

  private parseMultiplicative(): EvalNode {
    let left = this.parseUnary();
    while (this.isOp('*', '/', '%')) {
      const t = this.toks[this.i++]!;
      left = { type: 'binary', op: t.text, left, right: this.parseUnary(), pos: t.pos };
    }
    return left;
  }

  private parseUnary(): EvalNode {
    if (this.isOp('-', '+')) {
      const t = this.toks[this.i++]!;
      const arg = this.parseUnary();
      return t.text === '-' ? { type: 'unary', op: '-', arg, pos: t.pos } : arg;
    }
    return this.parsePrimary();
  }

  private parsePrimary(): EvalNode {
    const t = this.toks[this.i];
    if (!t) throw new SplError('The expression is incomplete.', this.endPos);
    this.i++;
    switch (t.kind) {
      case 'num': return { type: 'num', value: Number(t.text), pos: t.pos };
      case 'str': return { type: 'str', value: t.text, pos: t.pos };
      case 'field': return { type: 'field', name: t.text, pos: t.pos };
      case '(': {
        const e = this.parseExpression();
        if (this.peek()?.kind !== ')') throw new SplError('Unbalanced parentheses.', t.pos);
        this.i++;
        return e;
      }
      case 'ident': {
        // LIKE(text, pattern) is the like() function written in capitals, as detection content does.
        if ((t.text === 'LIKE' || t.text === 'IN') && this.peek()?.kind === '(') return this.parseCall(t);
        if (KEYWORDS.has(t.text.toUpperCase()) && t.text === t.text.toUpperCase()) {
          throw new SplError(`Unexpected '${t.text}' in expression.`, t.pos);
        }
        if (this.peek()?.kind === '(') return this.parseCall(t);
        return { type: 'field', name: t.text, pos: t.pos };
      }
      default:
        throw new SplError(`Unexpected '${t.text}' in expression.`, t.pos);
    }
  }

  private parseCall(name: EToken): EvalNode {
    this.i++; // (
    const fn = name.text.toLowerCase();
    const arity = FUNCTION_ARITY[fn];
    if (!arity) {
      if (EVAL_FUNCTIONS.has(fn)) throw new SplError(`The '${fn}' eval function is not supported by the local engine.`, name.pos);
      throw new SplError(`Error in 'eval' command: The '${name.text}' function is unsupported or undefined.`, name.pos);
    }
    const args: EvalNode[] = [];
    if (this.peek()?.kind !== ')') {
      for (;;) {
        args.push(this.parseExpression());
        if (this.peek()?.kind === ',') { this.i++; continue; }
        break;
      }
    }
    if (this.peek()?.kind !== ')') throw new SplError(`Expected ')' to close '${name.text}('.`, this.peek()?.pos ?? this.endPos);
    this.i++;
    const [min, max] = arity;
    if (args.length < min || args.length > max) {
      throw new SplError(`The ${fn} function takes ${min === max ? min : `${min} to ${max === Infinity ? 'any number of' : max}`} arguments, got ${args.length}.`, name.pos);
    }
    return { type: 'call', name: fn, args, pos: name.pos };
  }
}

/** Parses a whole expression; trailing tokens are an error. */
export function parseEvalExpression(text: string, offset: number): EvalNode {
  const toks = lex(text, offset);
  if (toks.length === 0) throw new SplError('Missing expression.', offset);
  const p = new EvalParser(toks, offset + text.length);
  const node = p.parseExpression();
  const rest = toks[p.i];
  if (rest) throw new SplError(`Unexpected '${rest.text}' in expression.`, rest.pos);
  return node;
}

function compareScalar(a: EvalValue, b: EvalValue): number | null {
  const na = asNumber(a), nb = asNumber(b);
  if (na !== null && nb !== null) return na - nb;
  // A number and a non-numeric string do not compare.
  if (na !== null || nb !== null) return null;
  const sa = asString(a), sb = asString(b);
  if (sa === null || sb === null) return null;
  return compareLex(sa, sb);
}

function compare(op: string, a: EvalValue, b: EvalValue): EvalValue {
  if (a === null || b === null) return null;
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    if (op === '=') return a === b;
    if (op === '!=') return a !== b;
    return null;
  }
  // A multivalue compares true when any of its values does.
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  for (const x of as) for (const y of bs) {
    const c = compareScalar(x, y);
    if (c === null) continue;
    const r = op === '=' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0;
    if (r) return true;
  }
  return false;
}

function arith(op: string, a: EvalValue, b: EvalValue): EvalValue {
  if (op === '.') {
    const sa = asString(a), sb = asString(b);
    return sa === null || sb === null ? null : sa + sb;
  }
  const na = asNumber(a), nb = asNumber(b);
  if (na === null || nb === null) {
    // `+` concatenates two strings.
    if (op === '+' && typeof a === 'string' && typeof b === 'string' && na === null && nb === null) return a + b;
    return null;
  }
  switch (op) {
    case '+': return na + nb;
    case '-': return na - nb;
    case '*': return na * nb;
    case '/': return nb === 0 ? null : na / nb;
    default: return nb === 0 ? null : na % nb;
  }
}

export function compileEval(node: EvalNode, ctx: EvalContext): Compiled {
  switch (node.type) {
    case 'num': { const v = node.value; return () => v; }
    case 'str': { const v = node.value; return () => v; }
    case 'field': {
      const name = node.name;
      return (e) => { const v = e[name]; return v === undefined ? null : v; };
    }
    case 'unary': {
      const a = compileEval(node.arg, ctx);
      if (node.op === 'NOT') return (e) => { const v = a(e); return v === null ? null : !isTrue(v); };
      return (e) => { const n = asNumber(a(e)); return n === null ? null : -n; };
    }
    case 'binary': {
      const l = compileEval(node.left, ctx), r = compileEval(node.right, ctx);
      const op = node.op;
      if (op === 'AND') return (e) => isTrue(l(e)) && isTrue(r(e));
      if (op === 'OR') return (e) => isTrue(l(e)) || isTrue(r(e));
      if (op === 'XOR') return (e) => isTrue(l(e)) !== isTrue(r(e));
      if (['=', '!=', '<', '>', '<=', '>='].includes(op)) return (e) => compare(op, l(e), r(e));
      return (e) => arith(op, l(e), r(e));
    }
    case 'call': {
      const args = node.args.map((a) => compileEval(a, ctx));
      return callFunction(node.name, args, ctx, node.pos, { nodes: node.args, compile: (n) => compileEval(n, ctx) });
    }
  }
}

/** Converts an eval result to a stored field value; null means "remove the field". */
export function toFieldValue(v: EvalValue): string | string[] | null {
  if (v === null) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.length === 1 ? v[0]! : v;
  return asString(v);
}
