/**
 * Streaming export throughput and memory: 100,000 and 500,000 Sysmon-like rows to CSV and JSON Lines.
 * The view computes cells from the row number (like a store answering from its columns), so peak RSS shows the
 * exporter's own memory; flat means about the same at 500,000 rows as at 100,000. Target: > 50 MB/s CSV.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cell } from '../src/search/backend';
import type { TableView } from '../src/results/table';
import { exportTable, type ExportFormat } from '../src/results/exportWriter';
import { withPeakRss, type Benchmark } from './lib';

const IMAGES = [
  'C:\\Windows\\System32\\netsh.exe', 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  'C:\\Users\\wardog\\AppData\\Local\\Programs\\Python\\Python39\\python.exe', 'C:\\Windows\\System32\\cmd.exe',
];
const COMMANDS = [
  '"C:\\windows\\system32\\netsh.exe" advfirewall firewall add rule name=python.exe dir=in action=allow',
  'powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA',
  '"C:\\Users\\wardog\\AppData\\Local\\Programs\\Python\\Python39\\python.exe" -m http.server 8000',
  'cmd.exe /c "echo hello, ""world""\r\nwhoami"',
];

function hex(seed: number, len: number): string {
  let s = '';
  let x = (seed * 2654435761) >>> 0;
  while (s.length < len) { x = (x * 1103515245 + 12345) >>> 0; s += x.toString(16).toUpperCase().padStart(8, '0'); }
  return s.slice(0, len);
}
const HASHES = Array.from({ length: 997 }, (_, i) => `SHA1=${hex(i, 40)},MD5=${hex(i + 1, 32)},SHA256=${hex(i + 2, 64)},IMPHASH=${hex(i + 3, 32)}`);
const COLUMNS = ['_time', 'host', 'EventCode', 'Image', 'CommandLine', 'User', 'ProcessId', 'Hashes', 'ParentImage'];

function sysmonView(rowCount: number): TableView {
  return {
    columns: COLUMNS,
    rowCount,
    cell(r: number, c: number): Cell {
      switch (c) {
        case 0: return `2020-10-29T12:${String(r % 60).padStart(2, '0')}:07.900+00:00`;
        case 1: return `WORKSTATION${r % 7}`;
        case 2: return r % 5 === 0 ? '1' : '7';
        case 3: return IMAGES[r % IMAGES.length]!;
        case 4: return COMMANDS[r % COMMANDS.length]!;
        case 5: return r % 11 === 0 ? ['NT AUTHORITY\\SYSTEM', 'WORKSTATION5\\wardog'] : 'WORKSTATION5\\wardog';
        case 6: return String(1000 + (r % 50000));
        case 7: return HASHES[r % HASHES.length]!;
        default: return IMAGES[(r + 1) % IMAGES.length]!;
      }
    },
  };
}

function bench(format: ExportFormat, rows: number): Benchmark {
  return {
    name: `export.${format} ${rows.toLocaleString('en-US')} rows`,
    unit: 'MB/s',
    runs: 3,
    measure: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'splwb-bench-'));
      try {
        global.gc?.();
        const t = performance.now();
        const { result, peakMb } = await withPeakRss(() => exportTable(sysmonView(rows), 'all', 'all', join(dir, `out.${format}`), { format }));
        const seconds = (performance.now() - t) / 1000;
        const name = `export.${format} ${rows.toLocaleString('en-US')} rows`;
        return {
          [`${name} throughput`]: { value: result.bytes / 1e6 / seconds, unit: 'MB/s' },
          [`${name} file size`]: { value: result.bytes / 1e6, unit: 'MB' },
          [`${name} peak RSS`]: { value: peakMb, unit: 'MB' },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export const benchmarks: Benchmark[] = [
  bench('csv', 100_000), bench('csv', 500_000), bench('jsonl', 100_000), bench('jsonl', 500_000),
];
