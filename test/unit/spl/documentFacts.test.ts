import assert from 'node:assert/strict';
import { escapeMarkdown, fencedCode, mergeFacts, NO_FACTS, type DocumentFacts } from '../../../src/spl/documentFacts';
import { completeAt, hoverAt } from '../../../src/spl/languageService';

/** Text with a `¦` marking the cursor. */
function cursor(marked: string): [string, number] {
  const at = marked.indexOf('¦');
  return [marked.slice(0, at) + marked.slice(at + 1), at];
}

const FACTS: DocumentFacts = {
  fields: [
    { name: 'Image', origin: 'last results', distinctCount: 3, rows: 10, topValues: [{ value: 'C:\\Windows\\cmd.exe', count: 6 }, { value: 'powershell.exe', count: 3 }, { value: '', count: 1 }] },
    { name: 'Processes.process_name', origin: 'last results', distinctCount: 1, rows: 10, topValues: [{ value: 'certutil.exe', count: 10 }] },
    { name: 'EventCode', origin: 'local data', distinctCount: 2, rows: 4, topValues: [{ value: '1', count: 3 }, { value: '3', count: 1 }] },
  ],
  indexes: ['main', 'sysmon', '_internal'],
  sourcetypes: ['XmlWinEventLog:Microsoft-Windows-Sysmon/Operational', 'linux_secure'],
  macros: [
    { name: 'security_content_ctime', args: ['field'], definition: 'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)', source: 'macros.conf' },
    { name: 'sysmon', args: [], definition: 'index=sysmon sourcetype="XmlWinEventLog"' },
  ],
};

const complete = (marked: string, facts: DocumentFacts = FACTS) => completeAt(...cursor(marked), facts);
const labels = (marked: string, facts: DocumentFacts = FACTS) => complete(marked, facts).items.map((i) => i.label);

describe('language service with facts about the document', () => {
  it('completes field names from the last results and the local data, in commands and search terms', () => {
    const c = complete('index=a | stats count by Ima¦');
    const image = c.items.find((i) => i.label === 'Image');
    assert.equal(image?.kind, 'field');
    assert.equal(image?.detail, 'field (last results, 3 distinct values)');
    assert.ok(labels('index=a | table ¦').includes('EventCode'));
    assert.ok(labels('index=a Ima¦').includes('Image'));
    const dotted = complete('index=a | table Processes.pro¦');
    assert.equal(cursor('index=a | table Processes.pro¦')[0].slice(dotted.start, dotted.end), 'Processes.pro');
    assert.ok(!labels('index=a | ¦').includes('Image'), 'no fields where a command name goes');
    assert.deepEqual(labels('index=a | table ¦', NO_FACTS).filter((l) => l === 'Image'), []);
  });

  it('completes index and sourcetype values, and a field\'s top values after name=', () => {
    assert.deepEqual(labels('index=¦'), ['main', 'sysmon', '_internal']);
    const st = complete('index=main sourcetype=XmlWinEventLog:Micro¦');
    assert.deepEqual(st.items.map((i) => i.label), FACTS.sourcetypes);
    assert.equal(cursor('index=main sourcetype=XmlWinEventLog:Micro¦')[0].slice(st.start, st.end), 'XmlWinEventLog:Micro');
    assert.deepEqual(labels('index=main sourcetype="¦'), FACTS.sourcetypes);
    assert.deepEqual(labels('index=a | search EventCode=¦'), ['1', '3']);
    assert.ok(labels('index=a | eval x=¦').includes('len'), 'an unknown field name before = still completes functions');
  });

  it('completes macro names inside backticks, with their arguments', () => {
    const c = complete('index=a | `secur¦');
    assert.deepEqual(c.items.map((i) => i.label), ['security_content_ctime(field)', 'sysmon']);
    assert.equal(c.items[0]!.kind, 'macro');
    assert.equal(cursor('index=a | `secur¦')[0].slice(c.start, c.end), 'secur');
    assert.match(c.items[0]!.resolveDocumentation!(), /ctime\(\$field\$\)/);
  });

  it('hovers a field with its distinct count and top values from the last results', () => {
    const h = hoverAt(...cursor('index=a | stats count by Im¦age'), FACTS);
    assert.ok(h);
    assert.match(h.markdown, /^\*\*Image\*\* \(field, last results\)/);
    assert.match(h.markdown, /3 distinct values in 10 rows/);
    assert.match(h.markdown, /\| C\\:\\\\Windows\\\\cmd\\\.exe \| 6 \|/);
    assert.match(h.markdown, /\| \*\(empty\)\* \| 1 \|/);
    const dotted = hoverAt(...cursor('| tstats count by Processes.process¦_name'), FACTS);
    assert.match(dotted!.markdown, /^\*\*Processes\\\.process\\_name\*\*/);
    assert.equal(hoverAt(...cursor('index=a | stats count by Im¦age'), NO_FACTS), undefined);
  });

  it('hovers a macro call with its expansion, matched by name and argument count', () => {
    const [text, at] = cursor('index=a | `security_content_c¦time(firstTime)` | `sysmon`');
    const h = hoverAt(text, at, FACTS);
    assert.ok(h);
    assert.equal(text.slice(h.start, h.end), '`security_content_ctime(firstTime)`');
    assert.match(h.markdown, /expands to:\n\n~~~spl\nconvert timeformat="%Y-%m-%dT%H:%M:%S" ctime\(\$field\$\)\n~~~$/);
    assert.match(hoverAt(...cursor('`sys¦mon(1)`'), FACTS)!.markdown, /defined with 0 argument\(s\), called with 1/);
    assert.equal(hoverAt(...cursor('`unkn¦own`'), FACTS), undefined);
  });

  it('keeps hostile values and definitions from becoming markdown, links or HTML', () => {
    const hostile: DocumentFacts = {
      ...NO_FACTS,
      fields: [{ name: 'x', origin: 'last results', distinctCount: 1, rows: 1, topValues: [{ value: '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> | a\n# h', count: 1 }] }],
      macros: [{ name: 'evil', args: [], definition: '~~~\n[x](command:foo)\n~~~~' }],
    };
    const h = hoverAt(...cursor('index=a | table ¦x'), hostile)!.markdown;
    assert.ok(!/[^\\]\[click\]/.test(h) && !/[^\\]</.test(h) && !h.includes('\n# h'), h);
    const m = hoverAt(...cursor('`ev¦il`'), hostile)!.markdown;
    assert.match(m, /~~~~~spl\n~~~\n\[x\]\(command:foo\)\n~~~~\n~~~~~$/);
    assert.equal(escapeMarkdown('a*b_c'), 'a\\*b\\_c');
    assert.equal(fencedCode('x'), '~~~spl\nx\n~~~');
  });

  it('merges facts, the first source of a name winning', () => {
    const merged = mergeFacts({ fields: [{ name: 'a', origin: 'last results' }] }, { fields: [{ name: 'a', origin: 'local data' }, { name: 'b', origin: 'local data' }], indexes: ['main'] }, { indexes: ['main', 'x'] });
    assert.deepEqual(merged.fields.map((f) => `${f.name}:${f.origin}`), ['a:last results', 'b:local data']);
    assert.deepEqual(merged.indexes, ['main', 'x']);
  });
});
