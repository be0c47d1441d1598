import assert from 'node:assert/strict';
import { analysisDay, COUNTED_CATEGORIES, isFlagged, MAX_TEXT, parseFileReply, ratio, VirusTotalError } from '../../../src/virustotal';

const reply = (attributes: unknown) => JSON.stringify({ data: { id: 'x', type: 'file', attributes } });

describe('VirusTotal file reply', () => {
  it('counts malicious, suspicious, undetected and harmless in the total, not the engines that could not scan', () => {
    const v = parseFileReply(reply({
      last_analysis_stats: { malicious: 12, suspicious: 2, undetected: 50, harmless: 6, 'type-unsupported': 9, timeout: 3, 'confirmed-timeout': 1, failure: 4 },
      popular_threat_classification: { suggested_threat_label: 'trojan.emotet/gen' },
      meaningful_name: 'invoice.exe',
      last_analysis_date: 1717243200,
      sha256: 'A'.repeat(64), sha1: 'b'.repeat(40), md5: 'zz',
    }));
    assert.deepEqual(COUNTED_CATEGORIES, ['malicious', 'suspicious', 'undetected', 'harmless']);
    assert.equal(ratio(v), '12/70');
    assert.equal(v.label, 'trojan.emotet/gen');
    assert.equal(v.meaningfulName, 'invoice.exe');
    assert.equal(analysisDay(v.lastAnalysisDate!), '2024-06-01');
    assert.equal(v.sha256, 'a'.repeat(64));
    assert.equal(v.sha1, 'b'.repeat(40));
    assert.equal(v.md5, undefined, 'a hash of the wrong shape is dropped');
    assert.ok(isFlagged(v));
  });

  it('a clean file is not flagged and has no label', () => {
    const v = parseFileReply(reply({ last_analysis_stats: { malicious: 0, undetected: 70 } }));
    assert.equal(ratio(v), '0/70');
    assert.equal(isFlagged(v), false);
    assert.equal(v.label, undefined);
  });

  for (const [what, body] of [
    ['not JSON', '{"data": '],
    ['no data', '{"error": {"code": "X"}}'],
    ['no attributes', JSON.stringify({ data: { id: 'x' } })],
    ['no stats', reply({ meaningful_name: 'a' })],
    ['stats not counts', reply({ last_analysis_stats: { malicious: '12' } })],
    ['negative count', reply({ last_analysis_stats: { malicious: -1 } })],
    ['an array', '[]'],
  ] as const) {
    it(`a reply with ${what} is a malformed error, not a crash`, () => {
      assert.throws(() => parseFileReply(body), (e: VirusTotalError) => e instanceof VirusTotalError && e.kind === 'malformed' && /does not understand/.test(e.message));
    });
  }

  it('bounds the text it keeps', () => {
    const v = parseFileReply(reply({ last_analysis_stats: {}, meaningful_name: 'x'.repeat(100_000), popular_threat_classification: { suggested_threat_label: 42 } }));
    assert.equal(v.meaningfulName!.length, MAX_TEXT);
    assert.equal(v.label, undefined);
  });
});
