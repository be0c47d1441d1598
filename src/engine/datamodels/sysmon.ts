/**
 * Sysmon events to CIM fields, after Splunk's Add-on for Sysmon: which EventCodes feed which dataset,
 * and each CIM field as an eval expression over the raw Sysmon fields. EventCode 7 (image load), 8
 * (CreateRemoteThread) and 10 (ProcessAccess) feed no CIM dataset (detections read them with the
 * `sysmon` macro instead), so they are not here.
 */
import { basename, constant, present, type EventMapping } from './mapping';

/** A Sysmon event, however it was collected (Splunk's sourcetype, or an exported channel/provider name). */
const SYSMON = '(sourcetype="*Sysmon*" OR source="*Sysmon*" OR Channel="Microsoft-Windows-Sysmon/Operational" OR SourceName="Microsoft-Windows-Sysmon")';
// EventCode first: it rejects most events, and more cheaply than the source patterns.
const when = (codes: string): string => `EventCode IN (${codes}) ${SYSMON}`;

const COMMON: Record<string, string> = {
  dest: present('Computer', 'Hostname', 'host'),
  vendor_product: constant('Microsoft Sysmon'),
  user: 'User',
  process_guid: 'ProcessGuid',
  process_id: 'ProcessId',
};

const PROCESS_OF_EVENT: Record<string, string> = {
  process_name: basename('Image'),
  process_path: 'Image',
};

export const SYSMON_MAPPINGS: readonly EventMapping[] = [
  {
    dataset: 'Endpoint.Processes', when: when('1'),
    fields: {
      ...COMMON,
      action: constant('allowed'),
      process: 'CommandLine',
      process_name: basename('Image'),
      process_exec: basename('Image'),
      process_path: 'Image',
      process_hash: 'Hashes',
      process_current_directory: 'CurrentDirectory',
      process_integrity_level: 'lower(IntegrityLevel)',
      original_file_name: 'OriginalFileName',
      parent_process: 'ParentCommandLine',
      parent_process_name: basename('ParentImage'),
      parent_process_exec: basename('ParentImage'),
      parent_process_path: 'ParentImage',
      parent_process_id: 'ParentProcessId',
      parent_process_guid: 'ParentProcessGuid',
      os: constant('Microsoft Windows'),
    },
  },
  {
    // 11 FileCreate, 15 FileCreateStreamHash, 2 file creation time changed, 23/26 file delete.
    dataset: 'Endpoint.Filesystem', when: when('2, 11, 15, 23, 26'),
    fields: {
      ...COMMON,
      ...PROCESS_OF_EVENT,
      action: 'case(EventCode=="23" OR EventCode=="26", "deleted", EventCode=="2", "modified", true(), "created")',
      file_path: 'TargetFilename',
      file_name: basename('TargetFilename'),
      file_create_time: 'CreationUtcTime',
      file_modify_time: 'if(EventCode=="2", UtcTime, null())',
      file_hash: 'coalesce(Hash, Hashes)',
    },
  },
  {
    // 12 key/value create and delete, 13 value set, 14 key/value rename.
    dataset: 'Endpoint.Registry', when: when('12, 13, 14'),
    fields: {
      ...COMMON,
      ...PROCESS_OF_EVENT,
      action: 'case(match(EventType, "^Delete"), "deleted", match(EventType, "^Create"), "created", true(), "modified")',
      registry_path: 'TargetObject',
      // A value event's TargetObject ends with the value name; a key event's ends with the key.
      registry_key_name: String.raw`if(match(EventType, "Value$"), mvindex(split(TargetObject, "\\"), -2), mvindex(split(TargetObject, "\\"), -1))`,
      registry_value_name: String.raw`if(match(EventType, "Value$"), mvindex(split(TargetObject, "\\"), -1), null())`,
      registry_hive: String.raw`case(match(TargetObject, "(?i)^HKLM"), "HKEY_LOCAL_MACHINE", match(TargetObject, "(?i)^HKU"), "HKEY_USERS", match(TargetObject, "(?i)^HKCR"), "HKEY_CLASSES_ROOT", match(TargetObject, "(?i)^HKCU"), "HKEY_CURRENT_USER", true(), null())`,
      // Sysmon writes numbers as `DWORD (0x00000001)`; the add-on keeps the hex number.
      registry_value_data: String.raw`if(match(Details, "^[DQ]WORD \(0x[0-9A-Fa-f]+\)$"), replace(Details, "^[DQ]WORD \((0x[0-9A-Fa-f]+)\)$", "\1"), Details)`,
      registry_value_text: 'Details',
      registry_value_type: String.raw`case(match(Details, "^DWORD"), "REG_DWORD", match(Details, "^QWORD"), "REG_QWORD", match(Details, "^Binary"), "REG_BINARY", isnotnull(Details), "REG_SZ", true(), null())`,
      status: constant('success'),
    },
  },
  {
    dataset: 'Network_Traffic.All_Traffic', when: when('3'),
    fields: {
      ...COMMON,
      ...PROCESS_OF_EVENT,
      action: constant('allowed'),
      app: basename('Image'),
      src: present('SourceHostname', 'SourceIp'),
      src_ip: 'SourceIp',
      src_port: 'SourcePort',
      dest: present('DestinationHostname', 'DestinationIp'),
      dest_ip: 'DestinationIp',
      dest_port: 'DestinationPort',
      transport: 'lower(Protocol)',
      protocol: constant('ip'),
      protocol_version: 'if(SourceIsIpv6=="true", "ipv6", "ipv4")',
      direction: 'if(Initiated=="true", "outbound", "inbound")',
      dvc: present('Computer', 'Hostname', 'host'),
    },
  },
  {
    dataset: 'Network_Resolution.DNS', when: when('22'),
    fields: {
      ...COMMON,
      ...PROCESS_OF_EVENT,
      query: 'QueryName',
      // QueryResults reads `type:  5 cname.example;::ffff:192.0.2.1;`: one answer per `;`.
      answer: String.raw`split(replace(replace(replace(QueryResults, "type:\s+\d+\s+", ""), "::ffff:", ""), ";$", ""), ";")`,
      reply_code_id: 'QueryStatus',
      reply_code: 'case(QueryStatus=="0", "NoError", QueryStatus=="9003", "NXDomain", QueryStatus=="9002", "ServFail", QueryStatus=="9501", "NoData", true(), QueryStatus)',
      message_type: constant('Query'),
      // The querying machine; Sysmon does not record which server answered.
      src: present('Computer', 'Hostname', 'host'),
      dest: 'null()',
    },
  },
];
