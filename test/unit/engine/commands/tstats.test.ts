import assert from 'node:assert/strict';
import { SplError } from '../../../../src/engine';
import { run } from '../helpers';
import * as F from '../sysmonFixtures';

const EVENTS = F.ALL_EVENTS;

const rejects = (query: string, message: RegExp): Promise<void> =>
  assert.rejects(async () => run(query, EVENTS), (e: unknown) => e instanceof SplError && message.test(e.message));

describe('engine tstats', () => {
  describe('Search Reference examples', () => {
    it('counts every event without a data model (| tstats count)', async () => {
      const r = await run('| tstats count', EVENTS);
      assert.deepEqual(r.rows, [{ count: String(EVENTS.length) }]);
    });

    it('groups indexed fields: | tstats count where index=main by sourcetype', async () => {
      const r = await run('| tstats count where index=main by sourcetype', EVENTS);
      assert.deepEqual(r.fields, ['sourcetype', 'count']);
      assert.deepEqual(r.rows, [
        { sourcetype: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', count: '10' },
        { sourcetype: 'XmlWinEventLog:Security', count: '3' },
      ]);
    });

    it('renames with AS and takes min(_time) and max(_time) over a data model', async () => {
      const r = await run('| tstats count min(_time) AS firstTime max(_time) AS lastTime from datamodel=Endpoint.Processes', EVENTS);
      assert.deepEqual(r.fields, ['count', 'firstTime', 'lastTime']);
      assert.deepEqual(r.rows, [{ count: '3', firstTime: '1700000000', lastTime: '1700003600' }]);
    });

    it('names aggregates as Splunk does: count, values(Processes.x), dc(...)', async () => {
      const r = await run('| tstats count values(Processes.process_name) dc(Processes.dest) from datamodel=Endpoint.Processes', EVENTS);
      assert.deepEqual(r.fields, ['count', 'values(Processes.process_name)', 'dc(Processes.dest)']);
      assert.deepEqual(r.rows[0]!['values(Processes.process_name)'], ['certutil.exe', 'powershell.exe', 'whoami.exe']);
      assert.equal(r.rows[0]!['dc(Processes.dest)'], '3');
    });

    it('buckets _time with span in the by clause', async () => {
      const r = await run('| tstats count from datamodel=Endpoint.Processes by _time span=1h', EVENTS);
      assert.deepEqual(r.rows, [{ _time: '1699999200', count: '2' }, { _time: '1700002800', count: '1' }]);
      // Month spans start on the first of the month (UTC): 2023-11-01.
      assert.deepEqual((await run('| tstats count from datamodel=Endpoint.Processes by _time span=1mon', EVENTS)).rows, [{ _time: '1698796800', count: '3' }]);
    });

    it('filters by nodename and reads the model\'s root datasets for datamodel=<Model>', async () => {
      const r = await run('| tstats count from datamodel=Endpoint where nodename=Filesystem', EVENTS);
      assert.deepEqual(r.rows, [{ count: '2' }]);
      const all = await run('| tstats count from datamodel=Endpoint', EVENTS);
      assert.equal(all.rows[0]!.count, '7');
    });

    it('takes the where clause\'s IN lists, wildcards, NOT, OR and parentheses', async () => {
      const q = '| tstats count from datamodel=Endpoint.Processes where (Processes.process_name IN ("cert*.exe", "whoami.exe") OR Processes.process=*Get-LocalUser*) NOT Processes.dest=ws3* by Processes.process_name';
      const r = await run(q, EVENTS);
      assert.deepEqual(r.rows, [{ 'Processes.process_name': 'certutil.exe', count: '1' }, { 'Processes.process_name': 'powershell.exe', count: '1' }]);
    });

    it('matches a bare term in the where clause against every dataset field', async () => {
      const r = await run('| tstats count from datamodel=Endpoint.Processes where *Get-LocalUser*', EVENTS);
      assert.deepEqual(r.rows, [{ count: '1' }]);
    });

    it('reads datamodel:"Model.Dataset" and keywords in any case (FROM, WHERE, BY)', async () => {
      const r = await run('| tstats count FROM datamodel:"Endpoint.Registry" WHERE Registry.registry_value_data="0x00000000" BY Registry.registry_key_name', EVENTS);
      assert.deepEqual(r.rows, [{ 'Registry.registry_key_name': 'CrashControl', count: '1' }]);
    });
  });

  it('runs over a model no local source feeds, finding nothing', async () => {
    assert.deepEqual((await run('| tstats count from datamodel=Web by Web.url', EVENTS)).rows, []);
    assert.deepEqual((await run('| tstats count from datamodel=Web', EVENTS)).rows, [{ count: '0' }]);
  });

  describe('options', () => {
    it('drops events missing a by-field, unless fillnull_value fills it', async () => {
      const q = (opt: string): string => `| tstats ${opt} count from datamodel=Endpoint.Processes by Processes.original_file_name`;
      assert.deepEqual((await run(q(''), EVENTS)).rows.map((r) => r['Processes.original_file_name']), ['CertUtil.exe', 'PowerShell.EXE']);
      assert.deepEqual((await run(q('fillnull_value=null'), EVENTS)).rows.map((r) => r['Processes.original_file_name']), ['CertUtil.exe', 'PowerShell.EXE', 'null']);
    });

    it('accepts the summary options, which change nothing locally', async () => {
      const r = await run('| tstats summariesonly=true allow_old_summaries=true local=false include_reduced_buckets=t chunk_size=1000 count from datamodel=Endpoint.Processes', EVENTS);
      assert.deepEqual(r.rows, [{ count: '3' }]);
    });

    it('prestats=true hands the dataset rows to the following stats', async () => {
      const r = await run('| tstats prestats=true count from datamodel=Endpoint.Processes by Processes.user | stats count by Processes.user', EVENTS);
      assert.deepEqual(r.rows, [{ 'Processes.user': 'CORP\\alice', count: '1' }, { 'Processes.user': 'CORP\\bob', count: '1' }, { 'Processes.user': 'carol', count: '1' }]);
    });

    it('applies earliest and latest in the where clause', async () => {
      const r = await run('| tstats count from datamodel=Endpoint.Processes where earliest=1700000001 latest=1700003601', EVENTS);
      assert.deepEqual(r.rows, [{ count: '2' }]);
    });
  });

  describe('errors', () => {
    it('names an unknown data model', () => rejects('| tstats count from datamodel=Inventory by All_Inventory.dest', /'Inventory' is not known to the local engine/));
    it('refuses append=true rather than ignoring it', () => rejects('| tstats append=true count from datamodel=Endpoint.Processes', /append=true is not supported/));
    it('needs a function', () => rejects('| tstats from datamodel=Endpoint.Processes', /expected at least one function/));
    it('reads only data models after from', () => rejects('| tstats count from mynamespace', /only data models/));
    it('rejects a bad span', () => rejects('| tstats count from datamodel=Endpoint.Processes by _time span=soon', /invalid span 'soon'/));
    it('rejects a number span: only _time is bucketed', () => rejects('| tstats count from datamodel=Endpoint.Processes by _time span=10', /invalid span '10'/));
    it('must open the search', () => rejects('search * | tstats count', /must be the first command/));
  });

  describe('real detections (splunk/security_content, Apache-2.0), macros expanded', () => {
    it('Attempt To Add Certificate To Untrusted Store finds the certutil -addstore run', async () => {
      const q = '| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime values(Processes.process) as process max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name=certutil.exe OR Processes.original_file_name=CertUtil.exe) (Processes.process=*-addstore*) by Processes.dest Processes.user Processes.parent_process Processes.parent_process_name Processes.process_name Processes.process Processes.process_id Processes.parent_process_id | rename "Processes".* AS *';
      const r = await run(q, EVENTS);
      assert.deepEqual(r.fields, ['dest', 'user', 'parent_process', 'parent_process_name', 'process_name', 'process', 'process_id', 'parent_process_id', 'count', 'firstTime', 'lastTime']);
      assert.deepEqual(r.rows, [{
        dest: 'ws1.corp.local', user: 'CORP\\alice', parent_process: 'cmd.exe /c run.bat', parent_process_name: 'cmd.exe', process_name: 'certutil.exe',
        process: 'certutil.exe -addstore -f -user Root evil.cer', process_id: '4242', parent_process_id: '1000', count: '1', firstTime: '1700000000', lastTime: '1700000000',
      }]);
    });

    it('Windows Disable Memory Crash Dump reads the registry value data with spaces around =', async () => {
      const q = '| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count FROM datamodel=Endpoint.Registry where (Registry.registry_path="*\\\\CurrentControlSet\\\\Control\\\\CrashControl\\\\CrashDumpEnabled") AND Registry.registry_value_data = "0x00000000" by _time span=1h Registry.dest Registry.user Registry.registry_path Registry.registry_value_name Registry.registry_value_data Registry.process_guid Registry.registry_key_name | rename Registry.* AS *';
      const r = await run(q, EVENTS);
      assert.equal(r.rows.length, 1);
      assert.deepEqual([r.rows[0]!._time, r.rows[0]!.dest, r.rows[0]!.registry_value_name, r.rows[0]!.process_guid, r.rows[0]!.count], ['1699999200', 'ws1.corp.local', 'CrashDumpEnabled', '{cccc-1}', '1']);
    });

    it('GetLocalUser with PowerShell', async () => {
      const q = '| tstats summariesonly=false allow_old_summaries=true fillnull_value=null count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where (Processes.process_name="powershell.exe") (Processes.process=*Get-LocalUser*) by Processes.dest Processes.user Processes.parent_process Processes.process_name Processes.process Processes.process_id Processes.parent_process_id';
      const r = await run(q, EVENTS);
      assert.deepEqual(r.rows.map((x) => [x['Processes.dest'], x['Processes.user'], x.count]), [['ws2.corp.local', 'CORP\\bob', '1']]);
    });

    it('a DNS hunt over Network_Resolution', async () => {
      const q = '| tstats summariesonly=false allow_old_summaries=true fillnull_value=null values(DNS.answer) as IPs min(_time) as firstTime from datamodel=Network_Resolution by DNS.src, DNS.query | rename "DNS".* AS *';
      const r = await run(q, EVENTS);
      assert.deepEqual(r.rows, [{ src: 'ws1.corp.local', query: 'evil.example', IPs: ['203.0.113.7', 'cdn.evil.example'], firstTime: '1700000700' }]);
    });
  });
});
