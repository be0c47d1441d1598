import * as assert from 'node:assert/strict';
import { isTimeModifier, PRESETS, rangeFromEarliest } from '../../../src/search/timeRange';

describe('time ranges', () => {
  it('accepts Splunk relative, snapped, epoch and ISO modifiers', () => {
    for (const m of ['-24h@h', '-7d', '@d', 'now', '0', '-1d@d', '+1h', '-30m@m', '-1w@w1', '1714564800', '2024-05-01T12:00:00Z', '']) {
      assert.ok(isTimeModifier(m), m);
    }
  });

  it('refuses text that Splunk would not take as a time', () => {
    for (const m of ['yesterday', '-24x', '24h', '-1d@', 'now()', '2024-13']) assert.ok(!isTimeModifier(m), m);
  });

  it('maps a default earliest to its preset, or to a custom range', () => {
    assert.equal(rangeFromEarliest('-24h').label, 'Last 24 hours');
    assert.equal(rangeFromEarliest('').label, 'All time');
    assert.deepEqual(rangeFromEarliest('-3d@d'), { label: '-3d@d to now', earliest: '-3d@d', latest: 'now' });
    assert.ok(PRESETS.every((p) => isTimeModifier(p.earliest) && isTimeModifier(p.latest)));
  });
});
