import assert from 'node:assert/strict';
import { run } from '../helpers';

// 19 ordinary events and one that is rare in both fields.
const EVS = [
  ...Array.from({ length: 19 }, (_, i) => ({ _time: String(i), user_type: 'IAMUser', count: String(10 + (i % 3)) })),
  { _time: '99', user_type: 'Root', count: '500' },
];

describe('engine anomalydetection (histogram method)', () => {
  it('keeps only the anomalous events by default (Search Reference: ... | anomalydetection)', async () => {
    const r = await run('search * | anomalydetection', EVS);
    assert.deepEqual(r.rows.map((e) => e._time), ['99']);
  });

  it('annotates the anomalous events with action=annotate and keeps the others', async () => {
    const r = await run('search * | anomalydetection "count" "user_type" action=annotate', EVS);
    assert.equal(r.rows.length, 20);
    const odd = r.rows.find((e) => e._time === '99')!;
    assert.equal(odd.probable_cause, 'count');
    assert.equal(odd.probable_cause_freq, '0.05');
    assert.equal(odd.max_freq, '0.05');
    assert.equal(Number(odd.log_event_prob).toFixed(4), (2 * Math.log(0.05)).toFixed(4));
    assert.equal(r.rows.filter((e) => e.probable_cause !== undefined).length, 1);
  });

  it('summarises with action=summary and takes a probability threshold from pthresh', async () => {
    const s = await run('search * | anomalydetection action=summary user_type', EVS);
    assert.deepEqual([s.rows[0]!.num_anomalies, s.rows[0]!.num_events], ['1', '20']);
    const none = await run('search * | anomalydetection pthresh=0.01 user_type', EVS);
    assert.deepEqual(none.rows, []);
    const all = await run('search * | anomalydetection pthresh=1 user_type', EVS);
    assert.equal(all.rows.length, 20);
  });

  it('says the zscore and iqr methods need a server', async () => {
    await assert.rejects(run('search * | anomalydetection method=zscore', EVS), /method=zscore is not supported/);
  });
});
