import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../../../src/search/backend';
import { LocalBackend } from '../../../../src/search/local';
import { loadMacroFiles } from '../../../../src/search/local/macroFiles';
import { arraySource, SplError } from '../../../../src/engine';

async function rows(it: AsyncIterable<RunEvent>): Promise<{ rows: unknown[][]; warnings: string[] }> {
  const out: unknown[][] = [];
  let warnings: string[] = [];
  for await (const ev of it) {
    if (ev.kind === 'page') out.push(...ev.rows);
    if (ev.kind === 'done') warnings = ev.messages.filter((m) => m.type === 'WARN').map((m) => m.text);
  }
  return { rows: out, warnings };
}

describe('LocalBackend macros and lookups', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spl-macros-'));
    writeFileSync(join(dir, 'macros.conf'), '[procs]\ndefinition = EventCode=1\n[ct(1)]\nargs = f\ndefinition = convert timeformat="%Y" ctime($f$)\n[sneaky]\ndefinition = outputlookup x.csv\n');
    writeFileSync(join(dir, 'more.json'), '{"procs(0)": [[], "EventCode=3"]}');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const source = arraySource([{ _time: '1714564800', EventCode: '1', ip: '1.2.3.4' }, { _time: '1714564800', EventCode: '3' }]);

  it('expands the macros of the configured files before the engine parses; later files win', async () => {
    const conf = new LocalBackend(source, { macros: await loadMacroFiles([join(dir, 'macros.conf')]) });
    assert.deepEqual((await rows(conf.run('search `procs` | eval t=_time | `ct(t)` | table t EventCode', { maxResults: 10 }, new AbortController().signal))).rows, [['2024', '1']]);
    const both = new LocalBackend(source, { macros: await loadMacroFiles([join(dir, 'macros.conf'), join(dir, 'more.json')]) });
    assert.deepEqual((await rows(both.run('search `procs` | table EventCode', { maxResults: 10 }, new AbortController().signal))).rows, [['3']]);
  });

  it('an undefined macro is an SplError at its call; a macro cannot smuggle in a risky command', async () => {
    const b = new LocalBackend(source, { macros: await loadMacroFiles([join(dir, 'macros.conf')]) });
    assert.throws(() => b.run('search x | `nope`', { maxResults: 10 }, new AbortController().signal), (e: unknown) => e instanceof SplError && e.column === 11 && /'nope\(0\)' is not defined/.test(e.message));
    assert.throws(() => b.run('search x | `sneaky`', { maxResults: 10 }, new AbortController().signal), /expands to 'outputlookup'/);
    await assert.rejects(() => loadMacroFiles([join(dir, 'missing.conf')]), /Cannot read the macro file .*ENOENT/);
  });

  it('passes engine warnings on as WARN messages (iplocation without a geo database)', async () => {
    const b = new LocalBackend(source);
    const r = await rows(b.run('search EventCode=1 | iplocation ip | table City', { maxResults: 10 }, new AbortController().signal));
    assert.deepEqual(r.rows, [['']]);
    assert.match(r.warnings[0]!, /no geolocation database/);
  });
});
