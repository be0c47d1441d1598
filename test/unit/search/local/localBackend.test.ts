import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobStatus, ResultPage, RunComplete, RunEvent } from '../../../../src/search/backend';
import { LocalBackend } from '../../../../src/search/local';
import { arraySource, SplError, type EventSource, type SplEvent } from '../../../../src/engine';

async function collect(it: AsyncIterable<RunEvent>): Promise<{ statuses: JobStatus[]; pages: ResultPage[]; done: RunComplete }> {
  const statuses: JobStatus[] = [], pages: ResultPage[] = [];
  let done: RunComplete | undefined;
  for await (const ev of it) {
    if (ev.kind === 'status') statuses.push(ev);
    else if (ev.kind === 'page') pages.push(ev);
    else done = ev;
  }
  assert.ok(done, 'a RunComplete at the end');
  return { statuses, pages, done };
}

const events = (n: number): SplEvent[] => Array.from({ length: n }, (_, i) => ({ _raw: `event ${i}`, _time: String(1000 + i), n: String(i), host: i % 2 ? 'odd' : 'even' }));

describe('LocalBackend', () => {
  it('reports QUEUED, RUNNING, DONE with a local sid, then pages and completion', async () => {
    const b = new LocalBackend(arraySource(events(25)));
    const { statuses, pages, done } = await collect(b.run('search host=odd | table n host', { maxResults: 100, pageSize: 5 }, new AbortController().signal));
    assert.deepEqual([statuses[0]!.state, statuses[1]!.state, statuses[statuses.length - 1]!.state], ['QUEUED', 'RUNNING', 'DONE']);
    assert.match(statuses[0]!.sid, /^local\.\d+$/);
    assert.equal(statuses[statuses.length - 1]!.doneProgress, 1);
    assert.equal(statuses[statuses.length - 1]!.resultCount, 12);
    assert.equal(statuses[statuses.length - 1]!.eventCount, 12);
    assert.deepEqual(pages.map((p) => p.rows.length), [5, 5, 2]);
    assert.deepEqual(pages.map((p) => p.offset), [0, 5, 10]);
    assert.deepEqual(pages[0]!.fields, ['n', 'host']);
    assert.deepEqual(pages[0]!.rows[0], ['1', 'odd']);
    assert.deepEqual(done, { kind: 'done', sid: statuses[0]!.sid, totalResults: 12, fetchedResults: 12, truncated: false, incomplete: false, messages: [] });
  });

  it('gives each run its own sid', async () => {
    const b = new LocalBackend(arraySource(events(1)));
    const a1 = await collect(b.run('search *', { maxResults: 10 }, new AbortController().signal));
    const a2 = await collect(b.run('search *', { maxResults: 10 }, new AbortController().signal));
    assert.notEqual(a1.done.sid, a2.done.sid);
  });

  it('fills missing cells with null and keeps multivalues', async () => {
    const b = new LocalBackend(arraySource([{ a: '1', m: ['x', 'y'] }, { b: '2' }]));
    const { pages } = await collect(b.run('search * | table a b m', { maxResults: 10 }, new AbortController().signal));
    assert.deepEqual(pages[0]!.rows, [['1', null, ['x', 'y']], [null, '2', null]]);
  });

  it('stops at maxResults and says it was truncated', async () => {
    const b = new LocalBackend(arraySource(events(50)));
    const { pages, done } = await collect(b.run('search *', { maxResults: 7, pageSize: 5 }, new AbortController().signal));
    assert.equal(pages.reduce((s, p) => s + p.rows.length, 0), 7);
    assert.equal(done.fetchedResults, 7);
    assert.equal(done.truncated, true);
    const exact = await collect(b.run('search * | head 7', { maxResults: 7 }, new AbortController().signal));
    assert.equal(exact.done.truncated, false);
  });

  it('throws SplError for a syntax error before running', () => {
    const b = new LocalBackend(arraySource([]));
    assert.throws(() => b.run('search a | bogus', { maxResults: 1 }, new AbortController().signal), (e: unknown) => e instanceof SplError && e.column === 11);
  });

  it('aborts promptly with an AbortError', async () => {
    let pulled = 0;
    const endless: EventSource = {
      async *batches(signal?: AbortSignal) {
        for (;;) {
          pulled++;
          await new Promise((r) => setImmediate(r));
          if (signal?.aborted) return;
          yield [{ _raw: 'x' }];
        }
      },
    };
    const ac = new AbortController();
    const b = new LocalBackend(endless, { statusIntervalMs: 1 });
    setTimeout(() => ac.abort(), 30);
    const started = Date.now();
    await assert.rejects(collect(b.run('search * | stats count', { maxResults: 10 }, ac.signal)), (e: Error) => e.name === 'AbortError');
    assert.ok(Date.now() - started < 2000);
    const at = pulled;
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(pulled, at, 'the source is not read after the abort');
  });

  it('reads files given by path, several in sequence, with the job time range', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spl-local-'));
    try {
      const a = join(dir, 'a.jsonl'), c = join(dir, 'c.csv');
      writeFileSync(a, '{"_time":"100","v":"a1"}\n{"_time":"300","v":"a2"}\n');
      writeFileSync(c, '_time,v\n200,c1\n400,c2\n');
      const b = new LocalBackend([a, c]);
      const { pages, statuses } = await collect(b.run('search * | sort _time | table v', { maxResults: 10, earliestTime: '150', latestTime: '400' }, new AbortController().signal));
      assert.deepEqual(pages.flatMap((p) => p.rows), [['c1'], ['a2']]);
      assert.equal(statuses[statuses.length - 1]!.eventCount, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
