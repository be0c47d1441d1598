import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { seededRandom } from '../../../src/search/local/sampleData';
import { lintSpl, type SplDiagnostic } from '../../../src/spl/diagnostics';
import { COMMANDS, EVAL_FUNCTIONS, STATS_FUNCTIONS } from '../../../src/spl/registry';
import { parseBlocks } from '../../../src/spl/structure';
import { isClosedString, tokenize } from '../../../src/spl/tokenize';
import { sharedPath } from '../../support/sharedDir';

const DETECTIONS = sharedPath('datasets', 'spl-detections', 'detections.json');

interface Detection {
  file: string;
  search: string;
}

function loadDetections(): Detection[] {
  if (!existsSync(DETECTIONS)) {
    throw new Error(`NOT RUN: the shared detections are missing at ${DETECTIONS}; the zero-false-error check needs them.`);
  }
  const list = JSON.parse(readFileSync(DETECTIONS, 'utf8')) as Detection[];
  assert.ok(list.length > 800, `expected the 856 detections, found ${list.length}`);
  return list;
}

function misspell(word: string, rnd: () => number, known: (w: string) => boolean): string | undefined {
  for (let attempt = 0; attempt < 10; attempt++) {
    const k = Math.floor(rnd() * (word.length - 1));
    const kind = Math.floor(rnd() * 3);
    let w: string;
    if (kind === 0) w = word.slice(0, k) + word[k + 1] + word[k] + word.slice(k + 2);
    else if (kind === 1) w = word.slice(0, k) + word.slice(k + 1);
    else w = word.slice(0, k) + 'x' + word.slice(k);
    if (w !== word && w.length > 1 && !known(w.toLowerCase())) return w;
  }
  return undefined;
}

type Kind = 'misspelt command' | 'misspelt function' | 'removed closing quote' | 'removed closing bracket' | 'removed closing parenthesis' | 'makeresults mid-pipeline' | 'trailing pipe';

interface Seeded {
  kind: Kind;
  text: string;
  /** The diagnostic codes that count as catching this mistake. */
  codes: string[];
}

/** Mistakes a person makes, put into real detections at random places. */
function seedMistakes(d: Detection, rnd: () => number): Seeded[] {
  const s = d.search;
  const out: Seeded[] = [];
  const tokens = tokenize(s);
  const pick = <T>(xs: T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(rnd() * xs.length)]);
  const splice = (at: number, remove: number, insert = '') => s.slice(0, at) + insert + s.slice(at + remove);

  const commands: Array<{ start: number; end: number }> = [];
  for (const b of parseBlocks(s)) {
    const visit = (segments: typeof b.pipeline.segments) => {
      for (const seg of segments) {
        const first = seg.tokens[0];
        if (seg.pipe !== undefined && first?.kind === 'word' && COMMANDS.has(s.slice(first.start, first.end).toLowerCase())) commands.push(first);
        for (const sub of seg.subsearches) visit(sub.segments);
      }
    };
    visit(b.pipeline.segments);
  }
  const cmd = pick(commands);
  if (cmd) {
    const w = misspell(s.slice(cmd.start, cmd.end), rnd, (x) => COMMANDS.has(x));
    if (w) out.push({ kind: 'misspelt command', text: splice(cmd.start, cmd.end - cmd.start, w), codes: ['unknown-command'] });
  }

  // Function calls in eval/where/stats commands, found outside strings and macros.
  const calls: Array<{ start: number; end: number; evalFn: boolean }> = [];
  const re = /\|\s*(eval|where|stats|eventstats|tstats|streamstats|timechart)\b([^|]*)/gi;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const evalFn = /^(eval|where)$/i.test(m[1]!);
    const argsAt = m.index + m[0].length - m[2]!.length;
    const fre = /(^|[\s(,=!<>+*/-])([a-z_]+)\(/gi;
    for (let f = fre.exec(m[2]!); f !== null; f = fre.exec(m[2]!)) {
      const start = argsAt + f.index + f[1]!.length;
      const inside = tokens.some((t) => t.kind !== 'word' && t.start <= start && start < t.end);
      const name = f[2]!.toLowerCase();
      const known = evalFn ? EVAL_FUNCTIONS.has(name) : STATS_FUNCTIONS.has(name);
      if (!inside && known && name !== 'eval') calls.push({ start, end: start + f[2]!.length, evalFn });
    }
  }
  const call = pick(calls);
  if (call) {
    const w = misspell(s.slice(call.start, call.end), rnd, (x) => EVAL_FUNCTIONS.has(x) || STATS_FUNCTIONS.has(x) || /^(p|perc|and|or|not|in|like|xor|eval)\d*$/.test(x));
    if (w) out.push({ kind: 'misspelt function', text: splice(call.start, call.end - call.start, w), codes: ['unknown-function'] });
  }

  const strings = tokens.filter((t) => t.kind === 'string' && isClosedString(s, t.start, t.end));
  const str = pick(strings);
  if (str) out.push({ kind: 'removed closing quote', text: splice(str.end - 1, 1), codes: ['quote'] });

  const close = pick(tokens.filter((t) => t.kind === 'rbracket'));
  if (close) out.push({ kind: 'removed closing bracket', text: splice(close.start, 1), codes: ['bracket'] });

  const parens: number[] = [];
  for (const t of tokens) if (t.kind === 'word') for (let k = t.start; k < t.end; k++) if (s[k] === ')' && s[k - 1] !== '\\') parens.push(k);
  const paren = pick(parens);
  if (paren !== undefined) out.push({ kind: 'removed closing parenthesis', text: splice(paren, 1), codes: ['paren'] });

  const topPipes: number[] = [];
  for (const b of parseBlocks(s)) {
    const segs = b.pipeline.segments;
    const firstIsCommand = segs[0]!.tokens.length === 0;
    segs.forEach((seg, i) => {
      if (seg.pipe !== undefined && i >= (firstIsCommand ? 2 : 1)) topPipes.push(seg.pipe);
    });
  }
  const pipe = pick(topPipes);
  if (pipe !== undefined) out.push({ kind: 'makeresults mid-pipeline', text: splice(pipe, 0, '| makeresults count=1 '), codes: ['generating-not-first'] });

  out.push({ kind: 'trailing pipe', text: `${s.trimEnd()} |`, codes: ['empty-command'] });
  return out;
}

describe('lintSpl on the shared detections (856 real Splunk searches)', () => {
  const detections = loadDetections();

  it('raises no error on any of them', () => {
    const wrong: string[] = [];
    for (const d of detections) {
      for (const diag of lintSpl(d.search)) {
        if (diag.severity === 'error') wrong.push(`${d.file}: ${diag.message} at ${JSON.stringify(d.search.slice(diag.start, diag.end + 20))}`);
      }
    }
    assert.deepEqual(wrong, [], `${wrong.length} false errors`);
  });

  it('catches seeded mistakes with high recall, per kind', () => {
    const rnd = seededRandom(17);
    const counts = new Map<Kind, { seeded: number; caught: number; missed: string[] }>();
    for (const d of detections) {
      for (const seeded of seedMistakes(d, rnd)) {
        const c = counts.get(seeded.kind) ?? { seeded: 0, caught: 0, missed: [] };
        counts.set(seeded.kind, c);
        c.seeded++;
        const found = lintSpl(seeded.text).some((x: SplDiagnostic) => seeded.codes.includes(x.code) && (x.severity === 'error' || x.code === 'unknown-command'));
        if (found) c.caught++;
        else c.missed.push(`${d.file}: ${seeded.text.slice(0, 300)}`);
      }
    }
    const lines = [...counts].map(([kind, c]) => `${kind.padEnd(28)} ${String(c.caught).padStart(4)} / ${String(c.seeded).padEnd(4)} (${((100 * c.caught) / c.seeded).toFixed(1)}%)`);
    console.log(`      seeded mistakes caught:\n        ${lines.join('\n        ')}`);
    for (const [kind, c] of counts) {
      assert.ok(c.seeded >= 20, `${kind}: only ${c.seeded} seeded`);
      assert.ok(c.caught / c.seeded >= 0.95, `${kind}: caught ${c.caught} of ${c.seeded}; first missed:\n${c.missed.slice(0, 3).join('\n')}`);
    }
  });
});
