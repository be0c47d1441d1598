/** Small synthetic Windows events, shaped like the OTRF export: Sysmon and Security channel events. */
import type { SplEvent } from '../../../src/engine';

const SYSMON = { Channel: 'Microsoft-Windows-Sysmon/Operational', SourceName: 'Microsoft-Windows-Sysmon', sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', index: 'main' };
const SECURITY = { Channel: 'Security', SourceName: 'Microsoft-Windows-Security-Auditing', sourcetype: 'XmlWinEventLog:Security', source: 'XmlWinEventLog:Security', index: 'main' };

export const PROCESS_CREATE: SplEvent = {
  ...SYSMON, _time: '1700000000', host: 'ws1', Computer: 'ws1.corp.local', EventCode: '1',
  Image: 'C:\\Windows\\System32\\certutil.exe', OriginalFileName: 'CertUtil.exe',
  CommandLine: 'certutil.exe -addstore -f -user Root evil.cer', CurrentDirectory: 'C:\\Users\\alice\\',
  ProcessId: '4242', ProcessGuid: '{aaaa-1}', User: 'CORP\\alice', IntegrityLevel: 'High',
  Hashes: 'SHA1=AA,MD5=BB,SHA256=CC,IMPHASH=DD',
  ParentImage: 'C:\\Windows\\System32\\cmd.exe', ParentCommandLine: 'cmd.exe /c run.bat', ParentProcessId: '1000', ParentProcessGuid: '{aaaa-0}',
};

export const PROCESS_CREATE_2: SplEvent = {
  ...SYSMON, _time: '1700003600', host: 'ws2', Computer: 'ws2.corp.local', EventCode: '1',
  Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', OriginalFileName: 'PowerShell.EXE',
  CommandLine: 'powershell.exe -nop Get-LocalUser', ProcessId: '5150', ProcessGuid: '{bbbb-1}', User: 'CORP\\bob',
  ParentImage: 'C:\\Windows\\explorer.exe', ParentCommandLine: 'C:\\Windows\\Explorer.EXE', ParentProcessId: '900',
};

export const NETWORK: SplEvent = {
  ...SYSMON, _time: '1700000100', host: 'ws1', Computer: 'ws1.corp.local', EventCode: '3',
  Image: 'C:\\Windows\\System32\\certutil.exe', ProcessId: '4242', ProcessGuid: '{aaaa-1}', User: 'CORP\\alice',
  Protocol: 'tcp', Initiated: 'true', SourceIsIpv6: 'false', SourceIp: '10.0.0.5', SourcePort: '50000',
  DestinationIp: '203.0.113.7', DestinationHostname: 'evil.example', DestinationPort: '443',
};

export const IMAGE_LOAD: SplEvent = { ...SYSMON, _time: '1700000200', host: 'ws1', EventCode: '7', Image: 'C:\\Windows\\System32\\certutil.exe', ImageLoaded: 'C:\\Windows\\System32\\amsi.dll' };
export const PROCESS_ACCESS: SplEvent = { ...SYSMON, _time: '1700000201', host: 'ws1', EventCode: '10', SourceImage: 'C:\\x.exe', TargetImage: 'C:\\Windows\\System32\\lsass.exe' };

export const FILE_CREATE: SplEvent = {
  ...SYSMON, _time: '1700000300', host: 'ws1', Computer: 'ws1.corp.local', EventCode: '11', Image: 'C:\\Windows\\System32\\certutil.exe',
  ProcessId: '4242', ProcessGuid: '{aaaa-1}', User: 'CORP\\alice', TargetFilename: 'C:\\Users\\alice\\AppData\\Local\\Temp\\evil.cer', CreationUtcTime: '2023-11-14 22:18:20.000',
};
export const FILE_DELETE: SplEvent = { ...FILE_CREATE, _time: '1700000400', EventCode: '23' };

export const REG_SET: SplEvent = {
  ...SYSMON, _time: '1700000500', host: 'ws1', Computer: 'ws1.corp.local', EventCode: '13', EventType: 'SetValue',
  Image: 'C:\\Windows\\regedit.exe', ProcessId: '77', ProcessGuid: '{cccc-1}', User: 'CORP\\alice',
  TargetObject: 'HKLM\\System\\CurrentControlSet\\Control\\CrashControl\\CrashDumpEnabled', Details: 'DWORD (0x00000000)',
};
export const REG_CREATE_KEY: SplEvent = {
  ...SYSMON, _time: '1700000600', host: 'ws1', Computer: 'ws1.corp.local', EventCode: '12', EventType: 'CreateKey',
  Image: 'C:\\Windows\\regedit.exe', TargetObject: 'HKU\\S-1-5-21\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
};

export const DNS: SplEvent = {
  ...SYSMON, _time: '1700000700', host: 'ws1', Computer: 'ws1.corp.local', EventCode: '22', Image: 'C:\\Windows\\System32\\certutil.exe',
  ProcessId: '4242', QueryName: 'evil.example', QueryStatus: '0', QueryResults: 'type:  5 cdn.evil.example;::ffff:203.0.113.7;',
};

export const LOGON: SplEvent = {
  ...SECURITY, _time: '1700000800', host: 'dc1', Computer: 'dc1.corp.local', EventCode: '4624', TargetUserName: 'alice', TargetDomainName: 'CORP',
  SubjectUserName: '-', LogonType: '3', IpAddress: '10.0.0.5', WorkstationName: 'WS1', AuthenticationPackageName: 'NTLM',
};
export const FAILED_LOGON: SplEvent = { ...LOGON, _time: '1700000900', EventCode: '4625', TargetUserName: 'bob', IpAddress: '-', FailureReason: '%%2313' };

export const SECURITY_PROCESS: SplEvent = {
  ...SECURITY, _time: '1700001000', host: 'ws3', Computer: 'ws3.corp.local', EventCode: '4688', NewProcessName: 'C:\\Windows\\System32\\whoami.exe',
  NewProcessId: '0x1a4', ProcessId: '0x10', ParentProcessName: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'whoami /all',
  SubjectUserName: 'carol', TargetUserName: '-', MandatoryLabel: 'S-1-16-12288',
};

export const ALL_EVENTS: SplEvent[] = [PROCESS_CREATE, PROCESS_CREATE_2, NETWORK, IMAGE_LOAD, PROCESS_ACCESS, FILE_CREATE, FILE_DELETE, REG_SET, REG_CREATE_KEY, DNS, LOGON, FAILED_LOGON, SECURITY_PROCESS];
