/**
 * The SPL text utilities run on every keystroke (CodeLens placement) and before every run, so they
 * must stay linear. The document is synthetic but shaped like a hunting notebook: blocks with
 * comments, strings with escapes, subsearches and macros.
 */
import { findRiskyCommands, queryAtCursor, queryBlocks } from '../src/spl';
import type { Benchmark } from './lib';

export function huntingNotebook(blocks: number): string {
  const parts: string[] = [];
  for (let i = 0; i < blocks; i++) {
    parts.push(
      [
        `\`\`\` hunt ${i}: encoded PowerShell from Office, see ticket ${i} \`\`\``,
        `index=sysmon EventCode=1 Image="*\\\\powershell.exe" earliest=-${i % 30}d@d latest=now`,
        `  (ParentImage="*\\\\winword.exe" OR ParentImage="*\\\\excel.exe") NOT User="NT AUTHORITY\\\\SYSTEM"`,
        `  [| inputlookup bad_hashes_${i}.csv | fields Hashes ]`,
        `| rex field=CommandLine "-enc(?:odedcommand)?\\s+(?<b64>[^\\s\\"]+)" \`\`\` decode later`,
        `  across lines \`\`\``,
        `| eval len=len(CommandLine), host_l=lower(host) | \`security_content_ctime(firstTime)\``,
        `| stats count values(Image) as Image dc(host) as hosts by Hashes`,
      ].join('\n'),
    );
  }
  return parts.join('\n\n');
}

const doc = huntingNotebook(5000); // about 2.4 MB, 40,000 lines
const mb = doc.length / 1e6;
const lastLine = doc.split('\n').length - 1;

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export const benchmarks: Benchmark[] = [
  {
    name: `spl.queryBlocks ${mb.toFixed(1)} MB notebook`,
    unit: 'MB/s',
    measure: async () => mb / (time(() => queryBlocks(doc)) / 1000),
  },
  {
    name: `spl.queryAtCursor last block of ${mb.toFixed(1)} MB`,
    unit: 'ms',
    measure: async () => time(() => queryAtCursor(doc, { line: lastLine, character: 0 })),
  },
  {
    name: `spl.findRiskyCommands ${mb.toFixed(1)} MB`,
    unit: 'MB/s',
    measure: async () => mb / (time(() => findRiskyCommands(doc)) / 1000),
  },
];
