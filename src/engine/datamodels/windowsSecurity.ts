/**
 * Windows Security log events to CIM fields, after Splunk's Add-on for Microsoft Windows: logons and
 * logoffs to Authentication, 4688 process creation to Endpoint.Processes, the Filtering Platform's
 * 5156/5157 connections to Network_Traffic.
 */
import { basename, constant, present, type EventMapping } from './mapping';

const SECURITY = '(sourcetype="*WinEventLog*Security*" OR source="*WinEventLog*Security*" OR Channel="Security" OR SourceName="Microsoft-Windows-Security-Auditing")';
const when = (codes: string): string => `EventCode IN (${codes}) ${SECURITY}`;

const DEST = present('Computer', 'ComputerName', 'Hostname', 'host');

/** Security events write process ids in hex (`0x1a4`); the add-on turns them into decimal. */
const hexId = (field: string): string => `if(match(${field}, "^0x"), tostring(tonumber(${field}, 16)), ${field})`;

export const WINDOWS_SECURITY_MAPPINGS: readonly EventMapping[] = [
  {
    // 4624 logon, 4625 failed logon, 4634/4647 logoff, 4648 explicit credentials, 4672 special privileges,
    // 4768/4769/4771 Kerberos, 4776 NTLM credential validation.
    dataset: 'Authentication.Authentication', when: when('4624, 4625, 4634, 4647, 4648, 4672, 4768, 4769, 4771, 4776'),
    fields: {
      action: 'case(EventCode=="4625" OR EventCode=="4771", "failure", EventCode=="4776" AND Status!="0x0", "failure", EventCode=="4768" AND Status!="0x0", "failure", true(), "success")',
      app: 'if(LogonType=="3" OR LogonType=="10", "win:remote", "win:local")',
      authentication_method: 'case(EventCode=="4776", "NTLM", EventCode=="4768" OR EventCode=="4769" OR EventCode=="4771", "Kerberos", true(), AuthenticationPackageName)',
      dest: present('TargetServerName', 'Computer', 'ComputerName', 'Hostname', 'host'),
      dest_nt_domain: 'TargetDomainName',
      reason: 'FailureReason',
      signature_id: 'EventCode',
      signature: 'case(EventCode=="4624", "An account was successfully logged on", EventCode=="4625", "An account failed to log on", EventCode=="4634", "An account was logged off", EventCode=="4647", "User initiated logoff", EventCode=="4648", "A logon was attempted using explicit credentials", EventCode=="4672", "Special privileges assigned to new logon", EventCode=="4768", "A Kerberos authentication ticket (TGT) was requested", EventCode=="4769", "A Kerberos service ticket was requested", EventCode=="4771", "Kerberos pre-authentication failed", EventCode=="4776", "The computer attempted to validate the credentials for an account")',
      src: present('IpAddress', 'WorkstationName', 'Workstation'),
      src_nt_domain: 'SubjectDomainName',
      src_user: present('SubjectUserName'),
      // 4672 names the account in the subject; the others in the target.
      user: `if(EventCode=="4672", SubjectUserName, ${present('TargetUserName', 'SubjectUserName')})`,
      user_id: present('TargetUserSid', 'SubjectUserSid'),
      vendor_product: constant('Microsoft Windows'),
    },
  },
  {
    dataset: 'Endpoint.Processes', when: when('4688'),
    fields: {
      action: constant('allowed'),
      dest: DEST,
      process: present('CommandLine', 'NewProcessName'),
      process_name: basename('NewProcessName'),
      process_exec: basename('NewProcessName'),
      process_path: 'NewProcessName',
      process_id: hexId('NewProcessId'),
      parent_process_name: basename('ParentProcessName'),
      parent_process_path: 'ParentProcessName',
      parent_process_id: hexId('ProcessId'),
      process_integrity_level: 'case(MandatoryLabel=="S-1-16-16384", "system", MandatoryLabel=="S-1-16-12288", "high", MandatoryLabel=="S-1-16-8192", "medium", MandatoryLabel=="S-1-16-4096", "low", MandatoryLabel=="S-1-16-0", "untrusted", true(), null())',
      user: present('TargetUserName', 'SubjectUserName'),
      user_id: present('TargetUserSid', 'SubjectUserSid'),
      vendor_product: constant('Microsoft Windows'),
      os: constant('Microsoft Windows'),
    },
  },
  {
    // 5156 connection permitted, 5157 blocked (Windows Filtering Platform).
    dataset: 'Network_Traffic.All_Traffic', when: when('5156, 5157'),
    fields: {
      action: 'if(EventCode=="5157", "blocked", "allowed")',
      app: 'Application',
      process_path: 'Application',
      process_name: basename('Application'),
      process_id: present('ProcessID', 'ProcessId'),
      // %%14592 is inbound, %%14593 outbound: the source is the local end for outbound traffic.
      direction: 'case(Direction=="%%14592", "inbound", Direction=="%%14593", "outbound", true(), Direction)',
      src: 'SourceAddress',
      src_ip: 'SourceAddress',
      src_port: 'SourcePort',
      dest: 'DestAddress',
      dest_ip: 'DestAddress',
      dest_port: 'DestPort',
      transport: 'case(Protocol=="6", "tcp", Protocol=="17", "udp", Protocol=="1", "icmp", true(), Protocol)',
      protocol: constant('ip'),
      dvc: DEST,
      vendor_product: constant('Microsoft Windows'),
    },
  },
];
