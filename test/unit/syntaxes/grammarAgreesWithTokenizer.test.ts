/**
 * The TextMate grammar colours as strings exactly what the tokenizer (and so Splunk) reads as
 * strings, on every line of the 856 shared detections: text after an escaped quote stays inside
 * its string, and nothing after a string's real end is coloured as one.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { tokenize } from '../../../src/spl/tokenize';
import { sharedPath } from '../../support/sharedDir';

const ROOT = path.join(__dirname, '..', '..', '..');
const DETECTIONS = sharedPath('datasets', 'spl-detections', 'detections.json');

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: () => Promise.resolve(vsctm.parseRawGrammar(readFileSync(path.join(ROOT, 'syntaxes', 'spl.tmLanguage.json'), 'utf8'), 'spl.tmLanguage.json')),
  });
  const grammar = await registry.loadGrammar('source.spl');
  if (!grammar) throw new Error('source.spl did not load');
  return grammar;
}

/** For each character of a one-line text: does the grammar give it a double-quoted string scope? */
function grammarStrings(grammar: vsctm.IGrammar, line: string): boolean[] {
  const marks = new Array<boolean>(line.length).fill(false);
  for (const t of grammar.tokenizeLine(line, vsctm.INITIAL).tokens) {
    const isString = t.scopes.some((s) => s.startsWith('string.quoted.double'));
    for (let i = t.startIndex; i < t.endIndex; i++) marks[i] = isString;
  }
  return marks;
}

describe('the SPL grammar on the shared detections', () => {
  it('scopes as strings exactly the tokenizer\'s strings (outside macros and comments)', async () => {
    if (!existsSync(DETECTIONS)) throw new Error(`NOT RUN: the shared detections are missing at ${DETECTIONS}`);
    const grammar = await loadGrammar();
    const detections = JSON.parse(readFileSync(DETECTIONS, 'utf8')) as Array<{ file: string; search: string }>;
    const wrong: string[] = [];
    let lines = 0;
    for (const d of detections) {
      for (const line of d.search.split(/\r?\n/)) {
        lines++;
        const colored = grammarStrings(grammar, line);
        const expected = new Array<boolean | undefined>(line.length).fill(false);
        for (const t of tokenize(line)) {
          // Strings inside macro calls and comments have the grammar's own scopes; not compared.
          const value = t.kind === 'string' ? true : t.kind === 'macro' || t.kind === 'comment' ? undefined : false;
          for (let i = t.start; i < t.end; i++) expected[i] = value;
        }
        const at = expected.findIndex((e, i) => e !== undefined && e !== colored[i]);
        if (at !== -1) wrong.push(`${d.file} column ${at}: ${JSON.stringify(line.slice(Math.max(0, at - 40), at + 40))}`);
      }
    }
    assert.ok(lines >= 856);
    assert.deepEqual(wrong.slice(0, 10), [], `${wrong.length} lines disagree`);
  });
});
