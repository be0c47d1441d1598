import assert from 'node:assert/strict';
import { ResultStore } from '../../../src/results/store';
import { recordingActions } from '../../support/gridActions';
import { GridSession } from '../../../src/results/session';
import { HashColumnBinding } from '../../../src/results/hashColumnBinding';
import { LIMITS, type GridToHost, type HostToGrid, type JobFacts } from '../../../src/shared/protocol';

const job: JobFacts = { sid: 's1', state: 'DONE', progress: 1, running: false, resultCount: 3, truncated: false, runDuration: 0.5, messages: [] };

function setup() {
  const store = new ResultStore();
  store.append({ kind: 'page', fields: ['host', 'cmd', 'tags'], rows: [['b', 'x'.repeat(LIMITS.displayChars + 10), ['t1', 't2']], ['a', 'ls', null], ['c', 'dir', 't3']], offset: 0, preview: false });
  const sent: HostToGrid[] = [];
  const actions: GridToHost[] = [];
  const session = new GridSession({ store, job, settings: { hashColumns: true }, post: (m) => sent.push(m), actions: recordingActions(actions), refreshMs: 1 });
  return { store, sent, actions, session };
}

describe('GridSession', () => {
  it('answers ready with init and row requests with truncated windows', () => {
    const { sent, session } = setup();
    session.handle({ type: 'ready' });
    const init = sent[0]!;
    assert.equal(init.type, 'init');
    if (init.type !== 'init') return;
    assert.deepEqual(init.view.columns.map((c) => c.name), ['host', 'cmd', 'tags']);
    session.handle({ type: 'requestRows', requestId: 1, viewId: init.view.viewId, start: 0, count: 2 });
    const rows = sent[1]!;
    assert.equal(rows.type, 'rows');
    if (rows.type !== 'rows') return;
    assert.equal((rows.rows[0]![1] as string).length, LIMITS.displayChars);
    assert.deepEqual(rows.clipped, [1]);
    assert.deepEqual(rows.rows[0]![2], ['t1', 't2']);
  });

  it('rejects invalid messages and ignores stale row requests', () => {
    const { sent, session } = setup();
    assert.equal(session.handle({ type: 'requestRows', requestId: 1, viewId: 1, start: 0, count: 501 }), false);
    session.handle({ type: 'ready' });
    session.handle({ type: 'setSort', sort: [{ column: 'host', direction: 'asc' }] });
    session.handle({ type: 'requestRows', requestId: 2, viewId: 1, start: 0, count: 2 });
    assert.deepEqual(sent.map((m) => m.type), ['init', 'viewChanged']);
  });

  it('sorts, filters to and excludes values by cell reference', () => {
    const { sent, session } = setup();
    session.handle({ type: 'ready' });
    session.handle({ type: 'setSort', sort: [{ column: 'host', direction: 'asc' }] });
    assert.deepEqual(session.view.window(0, 3).map((r) => r[0]), ['a', 'b', 'c']);
    session.handle({ type: 'excludeValue', cell: { viewId: session.viewId, row: 0, column: 0 } });
    assert.deepEqual(session.view.window(0, 3).map((r) => r[0]), ['b', 'c']);
    session.handle({ type: 'filterToValue', cell: { viewId: session.viewId, row: 1, column: 2 } });
    assert.deepEqual(session.view.window(0, 3).map((r) => r[0]), ['c']);
    const last = sent[sent.length - 1]!;
    assert.equal(last.type === 'viewChanged' && last.view.rowCount, 1);
  });

  it('refuses "filter to this value" on a value over the protocol limits, says why, and later filters still apply', () => {
    const store = new ResultStore();
    const long = 'A'.repeat(LIMITS.maxValueLength + 1);
    const many = Array.from({ length: LIMITS.maxMultiValues + 1 }, (_, i) => `v${i}`);
    store.append({ kind: 'page', fields: ['cmd', 'tags'], rows: [[long, many], ['short', ['t']]], offset: 0, preview: false });
    const sent: HostToGrid[] = [];
    const session = new GridSession({ store, job, settings: { hashColumns: true }, post: (m) => sent.push(m), actions: recordingActions([]), refreshMs: 1 });
    session.handle({ type: 'ready' });
    for (const [type, column] of [['filterToValue', 0], ['excludeValue', 1]] as const) {
      session.handle({ type, cell: { viewId: session.viewId, row: 0, column } });
      const last = sent[sent.length - 1]!;
      assert.equal(last.type, 'error');
      assert.match(last.type === 'error' ? last.message : '', /too large/);
    }
    assert.deepEqual(session.viewState.filter, {});
    // the grid's next change echoes the host's filter state back; it must pass the guard and apply
    assert.equal(session.handle({ type: 'setFilter', filter: { ...session.viewState.filter, text: 'short' } }), true);
    assert.equal(session.view.rowCount, 1);
  });

  it('passes copy to the copy handler of the panel with a selection table resolved on the host', () => {
    const { actions, session } = setup();
    session.handle({ type: 'ready' });
    const selection = { viewId: session.viewId, ranges: [{ rowStart: 1, rowEnd: 2, colStart: 0, colEnd: 0 }, { rowStart: 2, rowEnd: 2, colStart: 2, colEnd: 2 }] };
    session.handle({ type: 'copy', format: 'tsv', selection, withHeaders: true });
    assert.equal(actions[0]!.type, 'copy');
    const t = session.selectionTable(selection)!;
    assert.deepEqual(t.columns, ['host', 'tags']);
    assert.deepEqual([t.cell(0, 0), t.cell(1, 1)], ['a', 't3']);
    assert.equal(session.selectionTable({ ...selection, viewId: 999 }), undefined);
  });

  it('tells the grid about appended rows, with a new view id only when positions move', async () => {
    const { store, sent, session } = setup();
    session.handle({ type: 'ready' });
    const id = session.viewId;
    store.append({ kind: 'page', fields: ['host'], rows: [['d']], offset: 3, preview: false });
    await new Promise((r) => setTimeout(r, 20));
    const last = sent[sent.length - 1]!;
    assert.ok(last.type === 'viewChanged' && last.view.rowCount === 4 && last.view.viewId === id);
    session.handle({ type: 'setSort', sort: [{ column: 'host', direction: 'desc' }] });
    store.append({ kind: 'page', fields: ['host'], rows: [['e']], offset: 4, preview: false });
    await new Promise((r) => setTimeout(r, 20));
    const after = sent[sent.length - 1]!;
    assert.ok(after.type === 'viewChanged' && after.view.viewId > id + 1);
    session.dispose();
  });
});

describe('GridSession regex filters (off the host thread)', () => {
  const CATASTROPHIC = '(\\w+\\s?)+$';
  function regexSetup(rows: string[][]) {
    const store = new ResultStore();
    store.append({ kind: 'page', fields: ['CommandLine'], rows, offset: 0, preview: false });
    const sent: HostToGrid[] = [];
    const session = new GridSession({ store, job, settings: { hashColumns: true }, post: (m) => sent.push(m), actions: recordingActions([]), refreshMs: 1, regexBudgetMs: 500 });
    session.handle({ type: 'ready' });
    return { store, sent, session };
  }
  const until = async (check: () => boolean, ms: number) => {
    const end = Date.now() + ms;
    while (!check()) { if (Date.now() > end) throw new Error('not reached in time'); await new Promise((r) => setTimeout(r, 10)); }
  };

  it('a catastrophic regex is stopped within its budget, the user is told, and the event loop keeps running', async () => {
    // ~30 s of backtracking on one cell on the host's thread, without the worker: far beyond any stall
    // a busy machine causes by itself, so the gap check below tells the two apart.
    const { sent, session } = regexSetup([['cmd.exe /c whoami'], ['a'.repeat(27) + '!'], ['powershell -enc AAAA']]);
    let lastTick = Date.now();
    let maxGap = 0;
    const ticker = setInterval(() => { const now = Date.now(); maxGap = Math.max(maxGap, now - lastTick); lastTick = now; }, 10);
    try {
      session.handle({ type: 'setFilter', filter: { text: CATASTROPHIC, regex: true } });
      // A worker can take seconds to start on a loaded machine; the budget counts from its answer.
      await until(() => sent.some((m) => m.type === 'error'), 30_000);
    } finally { clearInterval(ticker); }
    assert.ok(maxGap < 3000, `the event loop stalled for ${maxGap} ms`);
    const err = sent.find((m) => m.type === 'error');
    assert.match(err?.type === 'error' ? err.message : '', /took more than 0\.5 s/);
    const view = sent.filter((m) => m.type === 'viewChanged').at(-1);
    assert.match(view?.type === 'viewChanged' ? view.view.filterError ?? '' : '', /matched as text/);
  });

  it('a normal regex filters once its worker answers, and covers rows appended later', async () => {
    const { store, session } = regexSetup([['cmd.exe /c whoami'], ['powershell -enc AAAA'], ['cmd.exe /c dir']]);
    session.handle({ type: 'setFilter', filter: { text: '^cmd\\.exe', regex: true } });
    await until(() => session.view.rowCount === 2, 5000);
    store.append({ kind: 'page', fields: ['CommandLine'], rows: [['CMD.EXE /k'], ['notepad']], offset: 3, preview: false });
    await until(() => session.view.rowCount === 3, 5000);
    assert.deepEqual(session.view.window(0, 5).map((r) => r[0]), ['cmd.exe /c whoami', 'cmd.exe /c dir', 'CMD.EXE /k']);
  });
});

describe('GridSession hash columns', () => {
  it('marks the split columns of a renamed hash field (| rename Hashes AS h) as hash columns', () => {
    const store = new ResultStore();
    const list = `SHA1=${'A'.repeat(40)},MD5=${'B'.repeat(32)},SHA256=${'C'.repeat(64)},IMPHASH=${'D'.repeat(32)}`;
    store.append({ kind: 'page', fields: ['Image', 'h'], rows: [['a.exe', list], ['b.exe', list]], offset: 0, preview: false });
    const sent: HostToGrid[] = [];
    const session = new GridSession({ store, job, settings: { hashColumns: true }, post: (m) => sent.push(m), actions: recordingActions([]), refreshMs: 1 });
    const binding = new HashColumnBinding(store, session.hashFields, { enabled: true, hashCase: 'upper' });
    session.handle({ type: 'ready' });
    const init = sent.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    const hashColumns = init.view.columns.filter((c) => c.hash).map((c) => c.name);
    assert.deepEqual(hashColumns, ['h.SHA1', 'h.MD5', 'h.SHA256', 'h.IMPHASH']);
    assert.deepEqual(session.hashFields.fields, ['h']);
    binding.dispose();
    session.dispose();
  });
});
