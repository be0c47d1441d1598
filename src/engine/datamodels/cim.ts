/**
 * The CIM data models the engine knows: each dataset's name, its place in the model, the tags Splunk's
 * CIM app constrains it with, and its fields (CIM 5.x). Facts about the CIM, written as a table; the
 * mappings from raw events to these fields are in sysmon.ts and windowsSecurity.ts.
 */

export interface CimDataset {
  /** Data model name, e.g. `Endpoint`. */
  readonly model: string;
  /** Dataset (object) name, e.g. `Processes`: the prefix of its fields in tstats (`Processes.process`). */
  readonly dataset: string;
  /** True for a root dataset: `from datamodel=<model>` alone reads the model's root datasets. */
  readonly root: boolean;
  /** The tags the CIM app's constraint requires (documentation; raw events are matched by the mappings). */
  readonly tags: readonly string[];
  /** The dataset's own fields (the inherited `_time host source sourcetype` are always there). */
  readonly fields: readonly string[];
}

const ENDPOINT_COMMON = ['action', 'dest', 'user', 'vendor_product', 'dest_bunit', 'dest_category', 'dest_priority', 'dest_requires_av', 'dest_should_timesync', 'dest_should_update', 'user_bunit', 'user_category', 'user_priority'];

export const CIM_DATASETS: readonly CimDataset[] = [
  {
    model: 'Endpoint', dataset: 'Processes', root: true, tags: ['process', 'report'],
    fields: [...ENDPOINT_COMMON, 'cpu_load_percent', 'mem_used', 'original_file_name', 'os', 'parent_process', 'parent_process_exec',
      'parent_process_guid', 'parent_process_id', 'parent_process_name', 'parent_process_path', 'process', 'process_current_directory',
      'process_exec', 'process_guid', 'process_hash', 'process_id', 'process_integrity_level', 'process_name', 'process_path', 'user_id'],
  },
  {
    model: 'Endpoint', dataset: 'Filesystem', root: true, tags: ['endpoint', 'filesystem'],
    fields: [...ENDPOINT_COMMON, 'file_access_time', 'file_acl', 'file_create_time', 'file_hash', 'file_modify_time', 'file_name', 'file_path',
      'file_size', 'process_guid', 'process_id', 'process_name', 'process_path'],
  },
  {
    model: 'Endpoint', dataset: 'Registry', root: true, tags: ['endpoint', 'registry'],
    fields: [...ENDPOINT_COMMON, 'process_guid', 'process_id', 'process_name', 'process_path', 'registry_hive', 'registry_path',
      'registry_key_name', 'registry_value_data', 'registry_value_name', 'registry_value_text', 'registry_value_type', 'status'],
  },
  {
    model: 'Network_Traffic', dataset: 'All_Traffic', root: true, tags: ['network', 'communicate'],
    fields: ['action', 'app', 'bytes', 'bytes_in', 'bytes_out', 'dest', 'dest_ip', 'dest_port', 'direction', 'dvc', 'packets', 'process_guid',
      'process_id', 'process_name', 'process_path', 'protocol', 'protocol_version', 'rule', 'session_id', 'src', 'src_ip', 'src_port',
      'transport', 'user', 'vendor_product', 'dest_category', 'src_category'],
  },
  {
    model: 'Network_Resolution', dataset: 'DNS', root: true, tags: ['network', 'resolution', 'dns'],
    fields: ['answer', 'answer_count', 'dest', 'dest_port', 'message_type', 'process_guid', 'process_id', 'process_name', 'process_path',
      'query', 'query_count', 'query_type', 'record_type', 'reply_code', 'reply_code_id', 'src', 'src_port', 'transport', 'user',
      'vendor_product', 'src_category'],
  },
  {
    model: 'Authentication', dataset: 'Authentication', root: true, tags: ['authentication'],
    fields: ['action', 'app', 'authentication_method', 'authentication_service', 'dest', 'dest_nt_domain', 'duration', 'reason',
      'signature', 'signature_id', 'src', 'src_nt_domain', 'src_user', 'src_user_id', 'user', 'user_id', 'vendor_product', 'dest_category',
      'src_category', 'user_category'],
  },
  // Models no Sysmon or Windows Security event feeds: known (their fields), so searches over them run and
  // find nothing unless a mapping table for their sources is added.
  {
    model: 'Web', dataset: 'Web', root: true, tags: ['web'],
    fields: ['action', 'app', 'bytes', 'bytes_in', 'bytes_out', 'cached', 'cookie', 'dest', 'dest_port', 'duration', 'error_code',
      'http_content_type', 'http_method', 'http_referrer', 'http_referrer_domain', 'http_user_agent', 'http_user_agent_length',
      'response_time', 'site', 'src', 'status', 'uri_path', 'uri_query', 'url', 'url_domain', 'url_length', 'user', 'vendor_product'],
  },
  {
    model: 'Change', dataset: 'All_Changes', root: true, tags: ['change'],
    fields: ['action', 'change_type', 'command', 'dest', 'dvc', 'object', 'object_attrs', 'object_category', 'object_id', 'object_path',
      'result', 'result_id', 'src', 'status', 'user', 'vendor_product'],
  },
  {
    model: 'Risk', dataset: 'All_Risk', root: true, tags: ['risk'],
    fields: ['analyticstories', 'annotations.mitre_attack.mitre_tactic_id', 'annotations.mitre_attack.mitre_technique_id', 'calculated_risk_score',
      'risk_message', 'risk_object', 'risk_object_type', 'risk_score', 'search_name', 'source', 'tag', 'threat_object', 'threat_object_type'],
  },
  {
    model: 'Intrusion_Detection', dataset: 'IDS_Attacks', root: true, tags: ['ids', 'attack'],
    fields: ['action', 'category', 'dest', 'dest_port', 'dvc', 'file_hash', 'file_name', 'file_path', 'ids_type', 'severity', 'severity_id',
      'signature', 'signature_id', 'src', 'src_port', 'transport', 'user', 'vendor_product'],
  },
  {
    model: 'Email', dataset: 'All_Email', root: true, tags: ['email'],
    fields: ['action', 'dest', 'file_hash', 'file_name', 'file_size', 'message_id', 'orig_dest', 'orig_src', 'protocol', 'recipient',
      'recipient_count', 'return_addr', 'size', 'src', 'src_user', 'subject', 'url', 'user', 'vendor_product'],
  },
  {
    model: 'Vulnerabilities', dataset: 'Vulnerabilities', root: true, tags: ['vulnerability', 'report'],
    fields: ['category', 'cve', 'cvss', 'dest', 'dvc', 'severity', 'signature', 'signature_id', 'url', 'user', 'vendor_product', 'xref'],
  },
  {
    model: 'Alerts', dataset: 'Alerts', root: true, tags: ['alert'],
    fields: ['app', 'description', 'dest', 'id', 'mitre_technique_id', 'severity', 'severity_id', 'signature', 'signature_id', 'src', 'subject',
      'type', 'user', 'vendor_account'],
  },
];

/** Fields every dataset inherits from the model's base event. */
export const INHERITED_FIELDS: readonly string[] = ['_time', 'host', 'source', 'sourcetype'];
