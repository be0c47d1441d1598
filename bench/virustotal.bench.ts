/**
 * VirusTotal: looking up 500 hashes that are all cached (no request, no quota: should be instant),
 * and the Hashes panel's update once 5,000 unique SHA256 have verdicts (resort flagged-first, build
 * the capped message, run the panel's guard on it, serialise it as postMessage would).
 */
import { HashPanelModel, summariseHashes } from '../src/results/hashSummary';
import { isHostToHashPanel } from '../src/shared/hashProtocol';
import { panelVerdictLookup, RateLimiter, systemClock, VerdictCache, VirusTotalLookup, type CachedAnswer, type FileId, type LookupResult, type QuotaState } from '../src/virustotal';
import type { Benchmark } from './lib';
import { hashFieldsOf } from '../test/support/hashFieldsOf';

const hex = (n: number, len: number) => n.toString(16).toUpperCase().padStart(len, '0');

function cachedLookup(): { lookup: VirusTotalLookup; ids: FileId[]; requests: () => number } {
  const ids = Array.from({ length: 500 }, (_, i): FileId => ({ algorithm: 'SHA256', value: hex(i, 64).toLowerCase() }));
  const saved: Record<string, CachedAnswer> = {};
  ids.forEach((id, i) => { saved[id.value] = i % 5 === 0 ? { kind: 'not-found', answeredAt: Date.now() } : { kind: 'found', answeredAt: Date.now(), verdict: { malicious: i % 7, suspicious: 0, total: 70 } }; });
  let state: QuotaState | undefined;
  let requests = 0;
  const cache = new VerdictCache({ load: () => Promise.resolve(saved), save: () => Promise.resolve() }, { foundMs: 86_400_000, notFoundMs: 86_400_000 });
  const lookup = new VirusTotalLookup({
    source: { getFile: () => { requests++; return Promise.reject(new Error('no request expected')); } },
    limiter: new RateLimiter({ read: () => state, write: (s) => { state = s; } }, systemClock, { perMinute: 4, perDay: 500 }),
    cache, clock: systemClock,
  });
  return { lookup, ids, requests: () => requests };
}

function panelData(): { model: HashPanelModel } {
  const rows = Array.from({ length: 20_000 }, (_, i) => `SHA1=${hex(i % 5000, 40)},MD5=${hex(i % 5000, 32)},SHA256=${hex(i % 5000, 64)},IMPHASH=${hex(i % 300, 32)}`);
  const view = { columns: ['Hashes'], rowCount: rows.length, cell: (r: number) => rows[r]! };
  const model = new HashPanelModel();
  model.setSummary(summariseHashes(view, { hashFields: hashFieldsOf(view) }), 'all');
  const answers = new Map<string, LookupResult>();
  for (let i = 0; i < 5000; i++) {
    answers.set(hex(i, 64), i % 4 === 0 ? { kind: 'not-found', answeredAt: 0, fromCache: true }
      : { kind: 'found', answeredAt: 0, fromCache: true, verdict: { malicious: i % 9, suspicious: 0, total: 72, label: 'trojan.generic/x', meaningfulName: `file${i}.exe`, lastAnalysisDate: 1717243200 } });
  }
  const lookup = panelVerdictLookup((h) => answers.get(h));
  model.setVerdictLookup(lookup);
  return { model };
}

export const benchmarks: Benchmark[] = [
  {
    name: 'virustotal.lookup 500 cached hashes',
    unit: 'ms',
    measure: async () => {
      const { lookup, ids, requests } = cachedLookup();
      const t0 = performance.now();
      const out = await lookup.run(ids);
      const ms = performance.now() - t0;
      if (out.results.size !== 500 || requests() !== 0) throw new Error('the cached lookup made a request');
      return ms;
    },
  },
  {
    name: 'virustotal.panel update 5,000 verdicts',
    unit: 'ms',
    measure: () => {
      const { model } = panelData();
      // The set-up's garbage is not the update's cost.
      (globalThis as { gc?: () => void }).gc?.();
      const t0 = performance.now();
      const msg = model.setSort('verdict', 'desc')!;
      if (!isHostToHashPanel(msg)) throw new Error('guard refused the message');
      const bytes = JSON.stringify(msg).length;
      const ms = performance.now() - t0;
      return Promise.resolve({ 'virustotal.panel update 5,000 verdicts': { value: ms, unit: 'ms' }, 'virustotal.panel message size': { value: bytes / 1024, unit: 'KiB' } });
    },
  },
];
