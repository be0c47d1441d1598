import assert from 'node:assert/strict';
import { run } from '../helpers';

// Metric data points as the local engine reads them: one metric per event (metric_name + _value), or
// several per event (metric_name:<name> fields, Splunk's multiple-metric format).
const POINTS = [
  { _time: '1714564800', index: 'mymetrics', host: 'a', metric_name: 'cpu.util', _value: '10' },
  { _time: '1714564810', index: 'mymetrics', host: 'a', metric_name: 'cpu.util', _value: '30' },
  { _time: '1714564845', index: 'mymetrics', host: 'b', metric_name: 'cpu.util', _value: '50' },
  { _time: '1714564850', index: 'mymetrics', host: 'b', 'metric_name:mem.used': '7', 'metric_name:cpu.util': '70' },
  { _time: '1714564850', index: 'main', host: 'c', _raw: 'an ordinary event', EventCode: '1' },
];

describe('engine mstats', () => {
  it('aggregates _value over the points a WHERE metric_name selects (Search Reference: avg(_value) WHERE metric_name=...)', async () => {
    const r = await run('| mstats avg(_value) WHERE metric_name=cpu.util', POINTS);
    assert.deepEqual(r.rows, [{ 'avg(_value)': '40' }]);
  });

  it('names the metric in the function, groups BY dimensions, and buckets _time with span', async () => {
    const r = await run('| mstats count(cpu.util) AS n max(cpu.util) WHERE index=mymetrics BY host span=30s', POINTS);
    assert.deepEqual(r.fields, ['_time', 'host', 'n', 'max(cpu.util)']);
    assert.deepEqual(r.rows, [
      { _time: '1714564800', host: 'a', n: '2', 'max(cpu.util)': '30' },
      { _time: '1714564830', host: 'b', n: '2', 'max(cpu.util)': '70' },
    ]);
  });

  it('makes a column per metric matching a wildcard, the AS name\'s * standing for the match', async () => {
    const r = await run('| mstats max(*) AS max_* WHERE index=mymetrics', POINTS);
    assert.deepEqual(r.rows, [{ 'max_cpu.util': '70', 'max_mem.used': '7' }]);
  });

  it('yields no rows over events without metric data points (the sample data)', async () => {
    const r = await run('| mstats avg(_value) WHERE index=main BY host', POINTS);
    assert.deepEqual(r.rows, []);
  });

  it('passes the points on with prestats=t, and appends its rows after others with append=t', async () => {
    const pre = await run('| mstats prestats=t count(mem.used) WHERE metric_name=mem.used', POINTS);
    assert.deepEqual(pre.rows.map((p) => [p.metric_name, p._value, p.host]), [['mem.used', '7', 'b']]);
    const both = await run('| mstats count(mem.used) AS m WHERE index=mymetrics | mstats append=t count(cpu.util) AS c WHERE index=mymetrics', POINTS);
    assert.deepEqual(both.rows, [{ m: '1' }, { c: '4' }]);
  });

  it('runs as a subsearch without the leading pipe, as Splunk allows in brackets', async () => {
    const r = await run('| mstats count(mem.used) AS m WHERE index=mymetrics BY host | append [ mstats count(cpu.util) AS c WHERE index=mymetrics BY host ]', POINTS);
    assert.deepEqual(r.rows, [{ host: 'b', m: '1' }, { host: 'a', c: '2' }, { host: 'b', c: '2' }]);
  });

  it('honours earliest in WHERE and reports a function without a metric', async () => {
    const r = await run('| mstats count(_value) AS n WHERE metric_name=cpu.util AND earliest=1714564840', POINTS);
    assert.deepEqual(r.rows, [{ n: '2' }]);
    await assert.rejects(run('| mstats count WHERE index=mymetrics', POINTS), /needs a metric name or _value/);
  });
});
