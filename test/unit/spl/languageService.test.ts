import assert from 'node:assert/strict';
import { blockAround, completeAt, documentSymbols, foldingRanges, hoverAt, signatureAt } from '../../../src/spl/languageService';

/** Text with a `¦` marking the cursor. */
function cursor(marked: string): [string, number] {
  const at = marked.indexOf('¦');
  return [marked.slice(0, at) + marked.slice(at + 1), at];
}

const labels = (marked: string): string[] => completeAt(...cursor(marked)).items.map((i) => i.label);

describe('SPL language service', () => {
  it('completes command names after a pipe, with a summary, replacing the word typed', () => {
    const [text, at] = cursor('index=a | sta¦');
    const c = completeAt(text, at);
    const stats = c.items.find((i) => i.label === 'stats');
    assert.ok(stats, 'stats is offered');
    assert.equal(stats.kind, 'command');
    assert.match(stats.detail, /Aggregates/);
    assert.equal(text.slice(c.start, c.end), 'sta');
    assert.ok(labels('index=a | ¦').includes('tstats'));
    assert.ok(labels('index=a [¦').includes('search'));
  });

  it('completes search terms at the start of a query without offering commands', () => {
    assert.ok(!labels('ind¦').includes('stats'));
  });

  it('completes eval functions in eval and where, stats functions and by in stats, options elsewhere', () => {
    assert.ok(labels('index=a | eval x=le¦').includes('len'));
    assert.ok(labels('index=a | where isn¦').includes('isnull'));
    const stats = labels('index=a | stats co¦');
    assert.ok(stats.includes('count') && stats.includes('dc') && stats.includes('by'));
    assert.ok(!stats.includes('len'), 'eval-only functions are not offered in stats');
    assert.ok(labels('index=a | dedup user ¦').includes('keepempty='));
    assert.ok(labels('index=a | lookup users.csv user ¦').includes('OUTPUT'));
  });

  it('completes time modifiers after earliest= and latest=, and nothing inside strings or comments', () => {
    assert.ok(labels('index=a earliest=¦').includes('-24h'));
    assert.ok(labels('index=a latest="¦').includes('now'));
    assert.deepEqual(labels('index=a | eval x="le¦'), []);
    assert.deepEqual(labels('index=a ```| sta¦'), []);
  });

  it('gives signature help with the active argument, ignoring commas in strings', () => {
    const [text, at] = cursor('index=a | eval x=if(a=",", "b", ¦');
    const sig = signatureAt(text, at);
    assert.equal(sig?.label, 'if(condition, then, else)');
    assert.deepEqual(sig?.parameters, ['condition', 'then', 'else']);
    assert.equal(sig?.activeParameter, 2);
    assert.equal(signatureAt(...cursor('index=a | eval x=round(len(y)¦'))?.label, 'round(number, digits)');
    assert.equal(signatureAt(...cursor('index=a | eval x=coalesce(a, b, c, ¦'))?.activeParameter, 0);
    assert.equal(signatureAt(...cursor('index=a | stats dc(¦'))?.label, 'dc(field)');
    assert.equal(signatureAt(...cursor('index=a | eval x=y¦')), undefined);
  });

  it('hovers commands and functions with a link to the Search Reference', () => {
    const [text, at] = cursor('index=a | st¦ats count | eval x=len(y)');
    const h = hoverAt(text, at);
    assert.match(h!.markdown, /^\*\*stats\*\* \(command\): Aggregates/);
    assert.match(h!.markdown, /https:\/\/docs\.splunk\.com\/Documentation\/Splunk\/latest\/SearchReference\/Stats/);
    assert.equal(text.slice(h!.start, h!.end), 'stats');
    const f = hoverAt(...cursor('index=a | eval x=le¦n(y)'));
    assert.match(f!.markdown, /^`len\(text\)` \(eval function\)/);
    assert.equal(hoverAt(...cursor('index=a | eval x=us¦er')), undefined);
  });

  it('lists each query block as a symbol and folds multi-line blocks', () => {
    const text = 'index=sysmon EventCode=1\n| stats count by host\n| sort - count\n\n```second```\n| tstats count where index=* by sourcetype';
    const symbols = documentSymbols(text);
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [
      ['index=sysmon EventCode=1', 'stats | sort'],
      ['tstats count where index=* by sourcetype', 'tstats'],
    ]);
    assert.deepEqual(foldingRanges(text), [{ startLine: 0, endLine: 2 }, { startLine: 4, endLine: 5 }]);
  });

  it('finds the block around an offset by its blank lines', () => {
    const text = 'a\n\nb | c\nd\n\ne';
    assert.deepEqual(blockAround(text, text.indexOf('c')), { start: 3, end: 10 });
    assert.deepEqual(blockAround(text, 0), { start: 0, end: 1 });
  });
});
