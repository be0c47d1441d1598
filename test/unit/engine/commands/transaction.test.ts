import assert from 'node:assert/strict';
import { run, col } from '../helpers';

const ev = (t: number, host: string, raw: string): Record<string, string> => ({ _time: String(t), host, _raw: raw });

// Examples after the Search Reference's transaction page.
describe('transaction and iplocation', () => {
  const events = [ev(0, 'a', 'login'), ev(10, 'a', 'work'), ev(20, 'b', 'login'), ev(30, 'a', 'logout'), ev(500, 'a', 'login'), ev(510, 'a', 'logout')];

  it('transaction host maxpause=60s: groups with duration and eventcount, newest first', async () => {
    const r = await run('search * | transaction host maxpause=60s', events);
    assert.deepEqual(r.rows.map((x) => [x.host, x._time, x.duration, x.eventcount]), [['a', '500', '10', '2'], ['b', '20', '0', '1'], ['a', '0', '30', '3']]);
    assert.equal(r.rows[2]!._raw, 'login\nwork\nlogout');
  });

  it('startswith and endswith, and maxspan', async () => {
    const r = await run('search * | transaction host startswith="login" endswith=eval(_raw="logout")', events);
    assert.deepEqual(col(r, 'eventcount'), ['2', '3']);
    const span = await run('search host=a | transaction host maxspan=15s', events);
    assert.deepEqual(col(span, 'eventcount'), ['2', '1', '2']);
  });

  it('iplocation adds empty location fields (no geo database), with prefix', async () => {
    const r = await run('| makeresults | eval ip="8.8.8.8" | iplocation prefix=geo_ ip', []);
    assert.deepEqual([r.rows[0]!.geo_City, r.rows[0]!.geo_Country, r.rows[0]!.geo_lat], ['', '', '']);
  });
});
