import assert from 'node:assert/strict';
import { generateSysmonEvents } from '../../../src/search/local/sampleData';

describe('sample data generator', () => {
  const events = [...generateSysmonEvents(5000, 42)];

  it('is deterministic for a seed and differs across seeds', () => {
    assert.deepEqual([...generateSysmonEvents(200, 42)], events.slice(0, 200));
    assert.notDeepEqual([...generateSysmonEvents(200, 43)], events.slice(0, 200));
  });

  it('produces the Sysmon event codes with their fields', () => {
    const codes = new Set(events.map((e) => e.EventCode));
    assert.deepEqual([...codes].sort(), ['1', '11', '15', '3', '7']);
    const p = events.find((e) => e.EventCode === '1')!;
    for (const f of ['UtcTime', 'ProcessGuid', 'ProcessId', 'Image', 'CommandLine', 'CurrentDirectory', 'User', 'IntegrityLevel', 'Hashes', 'ParentImage', 'ParentCommandLine']) assert.ok(p[f], f);
    assert.equal(p.source, 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    assert.ok(events.find((e) => e.EventCode === '15')!.Hash);
  });

  it('writes hashes in Sysmon order and case, with subsets and zero IMPHASH for non-PE', () => {
    const all = events.flatMap((e) => [e.Hashes, e.Hash].filter((x): x is string => !!x));
    const re = /^(SHA1=[0-9A-F]{40})?(,?MD5=[0-9A-F]{32})?(,?SHA256=[0-9A-F]{64})?(,?IMPHASH=[0-9A-F]{32})?$/;
    for (const h of all) assert.match(h, re);
    assert.ok(all.some((h) => h.startsWith('MD5=')), 'a subset without SHA1');
    assert.ok(all.some((h) => !h.includes('IMPHASH')), 'a subset without IMPHASH');
    assert.ok(all.some((h) => h.includes('IMPHASH=00000000000000000000000000000000')));
    // Binaries repeat, and some distinct binaries share an IMPHASH.
    const sha256ByImphash = new Map<string, Set<string>>();
    for (const h of all) {
      const imp = /IMPHASH=(\w+)/.exec(h)?.[1], sha = /SHA256=(\w+)/.exec(h)?.[1];
      if (imp && sha && !/^0+$/.test(imp)) sha256ByImphash.set(imp, (sha256ByImphash.get(imp) ?? new Set()).add(sha));
    }
    assert.ok([...sha256ByImphash.values()].some((s) => s.size > 1));
  });

  it('includes hostile strings and a very long line', () => {
    const cmds = events.map((e) => e.CommandLine ?? '');
    assert.ok(cmds.some((c) => c.includes('<script>') || c.includes('onerror=') || c.includes('=HYPERLINK')), 'markup or formulas');
    assert.ok(cmds.some((c) => c.length >= 90_000), 'a ~100 kB command line');
  });
});
