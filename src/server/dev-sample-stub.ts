// THROWAWAY: Sysmon-like events until scripts/sample-data.ts lands from the engine branch.
import type { SplEvent } from '../engine';

export function* generateSysmonEvents(count: number, seed = 1): Generator<Record<string, string>> {
  for (let i = 0; i < count; i++) {
    yield {
      _time: String(1700000000 + i), host: `ws${(i * seed) % 50}`, EventCode: '1', Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: `cmd /c echo ${i}`,
      User: 'CORP\\alice', ProcessId: String(1000 + i), ParentImage: 'C:\\Windows\\explorer.exe', ParentProcessId: '4', IntegrityLevel: 'Medium',
      Hashes: 'SHA1=B6D237154F2E528F0B503B58B025862D66B02B73,MD5=0E61079D3283687D2E279272966AE99D', source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
    };
  }
}
export type { SplEvent };
