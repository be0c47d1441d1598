import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { SearchRun } from '../../../src/vscode/run/searchRun';
import { RunFeed } from '../../../src/vscode/results/runFeed';

/** The one part of a run a feed reads: its update event (a neighbour, stubbed). */
function fakeRun(): { run: SearchRun; update(): void } {
  const events = new EventEmitter();
  const onDidUpdate = (listener: () => void) => {
    events.on('update', listener);
    return { dispose: () => events.off('update', listener) };
  };
  return { run: { onDidUpdate } as unknown as SearchRun, update: () => events.emit('update') };
}

/** Resolves after pending zero-delay timers have run. */
const timersRun = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('RunFeed', () => {
  it('sends nothing until the grid asks, then on request and while rows arrive', async () => {
    const { run, update } = fakeRun();
    let sent = 0;
    const feed = new RunFeed(run, () => sent++, 0);
    update();
    await timersRun();
    assert.equal(sent, 0);
    feed.request();
    assert.equal(sent, 1);
    update();
    await timersRun();
    assert.equal(sent, 2);
    feed.dispose();
  });

  it('stops sending once the grid closes the view, including an update already waiting, and resumes when asked again', async () => {
    const { run, update } = fakeRun();
    let sent = 0;
    const feed = new RunFeed(run, () => sent++, 0);
    feed.request();
    update();
    feed.close();
    update();
    await timersRun();
    assert.equal(sent, 1, 'a hidden timeline or closed sidebar was sent figures');
    feed.request();
    update();
    await timersRun();
    assert.equal(sent, 3);
    feed.dispose();
    update();
    await timersRun();
    assert.equal(sent, 3);
  });
});
