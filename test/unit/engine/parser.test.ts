import assert from 'node:assert/strict';
import { parseSpl, validateSpl, SplError, execute, arraySource } from '../../../src/engine';

function errorOf(query: string): SplError {
  try { validateSpl(query); } catch (e) { assert.ok(e instanceof SplError, `expected SplError, got ${String(e)}`); return e; }
  assert.fail(`expected '${query}' to be rejected`);
}

describe('engine parser', () => {
  it('reports an unknown command in Splunk wording, with its column', () => {
    const e = errorOf('search foo | foo bar');
    assert.equal(e.message, "Unknown search command 'foo'.");
    assert.equal(e.column, 13);
  });

  it('names real Splunk commands the engine does not implement as unsupported', () => {
    const e = errorOf('search x | geostats count');
    assert.match(e.message, /'geostats' command is not supported by the local engine/);
    assert.equal(e.column, 11);
  });

  it('points at an unbalanced quote', () => {
    const e = errorOf('search Image="C:\\foo | head');
    assert.equal(e.message, 'Unbalanced quotes.');
    assert.equal(e.column, 13);
  });

  it('points at an unbalanced parenthesis (open and close)', () => {
    assert.equal(errorOf('search (a OR b').column, 7);
    const close = errorOf('search a OR b)');
    assert.equal(close.message, 'Unbalanced parentheses.');
    assert.equal(close.column, 13);
  });

  it('rejects an unclosed subsearch with a clear message at the bracket', () => {
    const e = errorOf('search a [search b | head 1');
    assert.match(e.message, /Unbalanced brackets: a subsearch \[ without its \]/);
    assert.equal(e.column, 9);
  });

  it('rejects bad arguments with the column of the argument', () => {
    const e = errorOf('search * | head abc');
    assert.match(e.message, /Error in 'head' command/);
    assert.equal(e.column, 16);
    const r = errorOf('search * | rex field=x "(?<a>["');
    assert.match(r.message, /Invalid regex/);
    assert.equal(r.column, 24);
    assert.equal(errorOf('search * | eval x=len(').message, 'Unbalanced parentheses.');
    assert.equal(errorOf('search * | eval x=1 +').message, 'The expression is incomplete.');
    assert.equal(errorOf('search * | eval x=nosuchfn(1)').message, "Error in 'eval' command: The 'nosuchfn' function is unsupported or undefined.");
    // A real Splunk function the engine lacks is the engine's limit, not the user's mistake.
    assert.equal(errorOf('search * | eval x=exact(y)').message, "The 'exact' eval function is not supported by the local engine.");
    assert.match(errorOf('search * | stats nosuch(x)').message, /Unknown stats function 'nosuch'/);
  });

  it('rejects an empty command between pipes', () => {
    const e = errorOf('search a | | head 1');
    assert.match(e.message, /Empty command/);
  });

  it('rejects a non-generating command after a leading pipe and a generating one later', () => {
    assert.match(errorOf('| head 5').message, /must not be the first command/);
    assert.match(errorOf('search a | makeresults').message, /must be the first command/);
  });

  it('accepts a query without a leading search command, and one starting with a pipe', () => {
    assert.ok(parseSpl('index=main EventCode=1 | head 1').search);
    const p = parseSpl('| makeresults count=3');
    assert.equal(p.search, undefined);
    assert.equal(p.commands[0]!.name, 'makeresults');
    assert.ok(parseSpl('| search a').search);
  });

  it('rejects syntax errors synchronously from execute', () => {
    assert.throws(() => execute('search a | nope', arraySource([])), SplError);
  });

  it('does not treat a pipe inside quotes as a command separator', async () => {
    const rows: unknown[] = [];
    for await (const b of execute('search "a|b" | head 1', arraySource([{ _raw: 'x a|b y' }, { _raw: 'ab' }]))) rows.push(...b.rows);
    assert.equal(rows.length, 1);
  });
});
