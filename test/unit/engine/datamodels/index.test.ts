import assert from 'node:assert/strict';
import { CIM_DATASETS, compileDatasetMapper, EVENT_MAPPINGS, resolveDatamodel } from '../../../../src/engine/datamodels';
import { SplError, type SplEvent } from '../../../../src/engine';
import * as F from '../sysmonFixtures';

const ctx = { nowSeconds: 1_700_000_000 };
const rowsOf = (e: SplEvent, dm: string): SplEvent[] => compileDatasetMapper(resolveDatamodel(dm, 0), ctx)(e);
const only = (e: SplEvent, dm: string): SplEvent => {
  const rows = rowsOf(e, dm);
  assert.equal(rows.length, 1, `${dm}: ${JSON.stringify(rows)}`);
  return rows[0]!;
};

describe('engine data models: mapping tables', () => {
  it('every mapping row names a known dataset, and every field it sets is one of that dataset\'s fields', () => {
    const byId = new Map(CIM_DATASETS.map((d) => [`${d.model}.${d.dataset}`, d]));
    for (const m of EVENT_MAPPINGS) {
      const d = byId.get(m.dataset);
      assert.ok(d, m.dataset);
      for (const f of Object.keys(m.fields)) assert.ok(d.fields.includes(f), `${m.dataset} maps ${f}, which is not in its field list`);
    }
    // Every table compiles (a syntax error in one is reported with its row).
    assert.doesNotThrow(() => compileDatasetMapper(CIM_DATASETS, ctx));
  });

  it('maps Sysmon EventCode 1 to Endpoint.Processes with the add-on\'s field names', () => {
    const r = only(F.PROCESS_CREATE, 'Endpoint.Processes');
    assert.deepEqual({
      process: r['Processes.process'], process_name: r['Processes.process_name'], process_path: r['Processes.process_path'],
      process_id: r['Processes.process_id'], process_guid: r['Processes.process_guid'], process_hash: r['Processes.process_hash'],
      parent_process: r['Processes.parent_process'], parent_process_name: r['Processes.parent_process_name'], parent_process_id: r['Processes.parent_process_id'],
      original_file_name: r['Processes.original_file_name'], user: r['Processes.user'], dest: r['Processes.dest'],
      integrity: r['Processes.process_integrity_level'], vendor_product: r['Processes.vendor_product'], action: r['Processes.action'],
    }, {
      process: 'certutil.exe -addstore -f -user Root evil.cer', process_name: 'certutil.exe', process_path: 'C:\\Windows\\System32\\certutil.exe',
      process_id: '4242', process_guid: '{aaaa-1}', process_hash: 'SHA1=AA,MD5=BB,SHA256=CC,IMPHASH=DD',
      parent_process: 'cmd.exe /c run.bat', parent_process_name: 'cmd.exe', parent_process_id: '1000',
      original_file_name: 'CertUtil.exe', user: 'CORP\\alice', dest: 'ws1.corp.local',
      integrity: 'high', vendor_product: 'Microsoft Sysmon', action: 'allowed',
    });
    // The base event's fields are inherited, without prefix; the raw Sysmon names are not carried over.
    assert.equal(r._time, '1700000000');
    assert.equal(r.sourcetype, 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    assert.equal(r.Image, undefined);
  });

  it('maps Windows Security 4688 to Endpoint.Processes, with hex process ids in decimal', () => {
    const r = only(F.SECURITY_PROCESS, 'Endpoint.Processes');
    assert.equal(r['Processes.process_name'], 'whoami.exe');
    assert.equal(r['Processes.process_id'], '420');
    assert.equal(r['Processes.parent_process_id'], '16');
    assert.equal(r['Processes.parent_process_name'], 'cmd.exe');
    assert.equal(r['Processes.process'], 'whoami /all');
    // TargetUserName "-" is Windows' placeholder: the subject is the user.
    assert.equal(r['Processes.user'], 'carol');
    assert.equal(r['Processes.process_integrity_level'], 'high');
  });

  it('maps registry events: path, key and value names, hive, and DWORD data as the hex number', () => {
    const set = only(F.REG_SET, 'Endpoint.Registry');
    assert.equal(set['Registry.registry_path'], 'HKLM\\System\\CurrentControlSet\\Control\\CrashControl\\CrashDumpEnabled');
    assert.equal(set['Registry.registry_key_name'], 'CrashControl');
    assert.equal(set['Registry.registry_value_name'], 'CrashDumpEnabled');
    assert.equal(set['Registry.registry_value_data'], '0x00000000');
    assert.equal(set['Registry.registry_value_type'], 'REG_DWORD');
    assert.equal(set['Registry.registry_hive'], 'HKEY_LOCAL_MACHINE');
    assert.equal(set['Registry.action'], 'modified');
    const key = only(F.REG_CREATE_KEY, 'Endpoint.Registry');
    assert.equal(key['Registry.registry_key_name'], 'Run');
    assert.equal(key['Registry.registry_value_name'], undefined);
    assert.equal(key['Registry.registry_hive'], 'HKEY_USERS');
    assert.equal(key['Registry.action'], 'created');
  });

  it('maps file create and delete to Endpoint.Filesystem', () => {
    const c = only(F.FILE_CREATE, 'Endpoint.Filesystem');
    assert.equal(c['Filesystem.file_name'], 'evil.cer');
    assert.equal(c['Filesystem.file_path'], 'C:\\Users\\alice\\AppData\\Local\\Temp\\evil.cer');
    assert.equal(c['Filesystem.action'], 'created');
    assert.equal(c['Filesystem.process_name'], 'certutil.exe');
    assert.equal(only(F.FILE_DELETE, 'Endpoint.Filesystem')['Filesystem.action'], 'deleted');
  });

  it('maps Sysmon network connections and DNS queries', () => {
    const n = only(F.NETWORK, 'Network_Traffic');
    assert.deepEqual([n['All_Traffic.src_ip'], n['All_Traffic.dest_ip'], n['All_Traffic.dest_port'], n['All_Traffic.dest'], n['All_Traffic.transport'], n['All_Traffic.direction'], n['All_Traffic.app']],
      ['10.0.0.5', '203.0.113.7', '443', 'evil.example', 'tcp', 'outbound', 'certutil.exe']);
    const d = only(F.DNS, 'Network_Resolution.DNS');
    assert.equal(d['DNS.query'], 'evil.example');
    assert.deepEqual(d['DNS.answer'], ['cdn.evil.example', '203.0.113.7']);
    assert.equal(d['DNS.reply_code'], 'NoError');
    assert.equal(d['DNS.src'], 'ws1.corp.local');
  });

  it('maps logons to Authentication with success and failure', () => {
    const ok = only(F.LOGON, 'Authentication');
    assert.deepEqual([ok['Authentication.action'], ok['Authentication.user'], ok['Authentication.src'], ok['Authentication.app'], ok['Authentication.signature_id']],
      ['success', 'alice', '10.0.0.5', 'win:remote', '4624']);
    const bad = only(F.FAILED_LOGON, 'Authentication.Authentication');
    assert.equal(bad['Authentication.action'], 'failure');
    // IpAddress "-": the workstation name is the source.
    assert.equal(bad['Authentication.src'], 'WS1');
  });

  it('puts image loads, process access and other datasets\' events in no dataset', () => {
    for (const e of [F.IMAGE_LOAD, F.PROCESS_ACCESS]) assert.deepEqual(compileDatasetMapper(CIM_DATASETS, ctx)(e), []);
    assert.deepEqual(rowsOf(F.NETWORK, 'Endpoint.Processes'), []);
    assert.deepEqual(rowsOf(F.LOGON, 'Endpoint'), []);
    // `Endpoint` alone is its root datasets: a file event is in Filesystem.
    assert.equal(rowsOf(F.FILE_CREATE, 'Endpoint')[0]?.nodename, 'Filesystem');
  });

  it('names an unknown data model and lists the known ones', () => {
    assert.throws(() => resolveDatamodel('Inventory', 12), (e: unknown) => e instanceof SplError && e.column === 12 && /'Inventory' is not known.*Endpoint/.test(e.message));
    assert.equal(resolveDatamodel('"endpoint.processes"', 0)[0]?.dataset, 'Processes');
  });
});
