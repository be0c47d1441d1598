import assert from 'node:assert/strict';
import { HashColumnBinding } from '../../../src/results/hashColumnBinding';
import { HashFields } from '../../../src/results/hashFields';
import { HashPanelModel, summariseHashes } from '../../../src/results/hashSummary';
import { neutraliseFormula } from '../../../src/results/neutralise';
import { ResultStore } from '../../../src/results/store';
import { isHashPanelToHost, isHostToHashPanel } from '../../../src/shared/hashProtocol';
import { panelVerdictLookup, verdictCellText, type LookupResult } from '../../../src/virustotal';
import { ResultView } from '../../../src/results/view';
import { hashFieldsOf } from '../../support/hashFieldsOf';

const list = (c: string) => `SHA1=${c.repeat(40)},MD5=${c.repeat(32)},SHA256=${c.repeat(64)},IMPHASH=${'0'.repeat(31)}1`;
const view = (rows: string[]) => ({ columns: ['Hashes'], rowCount: rows.length, cell: (r: number) => rows[r]! });

const answers: Record<string, LookupResult> = {
  ['A'.repeat(64)]: { kind: 'not-found', answeredAt: 0, fromCache: false },
  ['B'.repeat(64)]: { kind: 'found', verdict: { malicious: 3, suspicious: 0, total: 70, label: '=HYPERLINK("x")', meaningfulName: 'b.exe', lastAnalysisDate: 1717243200 }, answeredAt: 0, fromCache: false },
  ['C'.repeat(64)]: { kind: 'found', verdict: { malicious: 0, suspicious: 0, total: 72 }, answeredAt: 0, fromCache: false },
  ['D'.repeat(64)]: { kind: 'found', verdict: { malicious: 40, suspicious: 2, total: 70 }, answeredAt: 0, fromCache: false },
};
const lookup = panelVerdictLookup((h) => answers[h]);

describe('VirusTotal verdicts in the Hashes panel and the grid', () => {
  const rows = [list('A'), list('A'), list('A'), list('B'), list('C'), list('D'), list('E')];

  it('sorts flagged files first, most detections first, then clean, then not found, then never looked up', () => {
    const model = new HashPanelModel();
    model.setVerdictLookup(lookup);
    model.setSummary(summariseHashes(view(rows), { hashFields: hashFieldsOf(view(rows)) }), 'all');
    const msg = model.setSort('verdict', 'desc')!;
    const sha256 = msg.algorithms.find((a) => a.algorithm === 'SHA256')!;
    assert.deepEqual(sha256.hashes.map((h) => h.value[0]), ['D', 'B', 'C', 'A', 'E']);
    assert.deepEqual(sha256.hashes.map((h) => h.vt?.text), ['40/70', '3/70', '0/72', 'not in VirusTotal', undefined]);
    assert.equal(sha256.hashes[1]!.vt?.date, '2024-06-01');
    assert.ok(isHostToHashPanel(msg), 'the message passes the panel\'s guard');
    const imphash = msg.algorithms.find((a) => a.algorithm === 'IMPHASH')!;
    assert.ok(imphash.hashes.every((h) => h.vt === undefined), 'no verdict for an IMPHASH');
  });

  it('the guard refuses an oversized verdict and accepts only the fixed look-up request', () => {
    const model = new HashPanelModel();
    model.setVerdictLookup(() => ({ verdict: { kind: 'found', text: 'x'.repeat(10_000), flagged: true }, score: 1 }));
    assert.equal(isHostToHashPanel(model.setSummary(summariseHashes(view(rows), { hashFields: hashFieldsOf(view(rows)) }), 'all')), false);
    assert.ok(isHashPanelToHost({ type: 'lookUpVirusTotal', scope: 'all', refresh: false }));
    assert.equal(isHashPanelToHost({ type: 'lookUpVirusTotal', scope: 'all', refresh: false, hashes: ['x'] }), false);
    assert.equal(isHashPanelToHost({ type: 'lookUpVirusTotal', scope: 'everything', refresh: false }), false);
  });

  it('exports the verdicts with the unique hashes, neutralising VirusTotal text', () => {
    const model = new HashPanelModel();
    model.setSummary(summariseHashes(view(rows), { hashFields: hashFieldsOf(view(rows)) }), 'all');
    assert.equal(model.exportText('SHA256', neutraliseFormula).split('\n')[0], 'A'.repeat(64), 'no verdicts yet: the plain list');
    model.setVerdictLookup(lookup);
    const lines = model.exportText('SHA256', neutraliseFormula).split('\n');
    assert.equal(lines[0], 'SHA256\tVT\tThreat label\tMeaningful name\tLast analysis (UTC)');
    assert.equal(lines.find((l) => l.startsWith('B')), `${'B'.repeat(64)}\t3/70\t'=HYPERLINK("x")\tb.exe\t2024-06-01`);
    assert.equal(lines.find((l) => l.startsWith('E')), `${'E'.repeat(64)}\t\t\t\t`);
  });

  it('adds a VT column right after the hash columns, which sorts like any other column', () => {
    const store = new ResultStore();
    store.append({ offset: 0, fields: ['Image', 'Hashes'], rows: rows.map((h, i) => [`img${i}`, h]) } as never);
    const verdict = (cell: unknown) => verdictCellText(answers[String(cell).match(/SHA256=([0-9A-F]{64})/)?.[1] ?? '']);
    const fields = new HashFields(store);
    const binding = new HashColumnBinding(store, fields, { enabled: true, hashCase: 'upper', verdict: verdict as never });
    assert.deepEqual(store.columns.map((c) => c.name), ['Image', 'Hashes', 'SHA1', 'MD5', 'SHA256', 'IMPHASH', 'VT']);
    const v = new ResultView(store, { sort: [{ column: 'VT', direction: 'desc' }] });
    const vt = v.columns.indexOf('VT');
    assert.deepEqual(Array.from({ length: v.rowCount }, (_, r) => v.cell(r, vt)), ['not in VirusTotal', 'not in VirusTotal', 'not in VirusTotal', '40/70', '3/70 =HYPERLINK("x")', '0/72', null]);
    binding.dispose();
  });
});
