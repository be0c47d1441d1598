import assert from 'node:assert/strict';
import { REPLACEMENT_CHARACTER, escapeAttr, escapeText, messagesXml, responseXml, xmlSafe } from '../../../src/server/xml';
import { atomEntry, restValue } from '../../../src/server/atom';
import { resultXml, resultsXml } from '../../../src/server/results-xml';

/** What an XML parser hands back for escaped character data (the five entities and numeric references). */
function unescape(xml: string): string {
  return xml.replace(/&(amp|lt|gt|quot|apos|#(\d+));/g, (_, name: string, code: string | undefined) =>
    code ? String.fromCodePoint(Number(code)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[name]!);
}

// Every character XML 1.0 cannot carry, literally or as a reference.
// eslint-disable-next-line no-control-regex -- asserting that no forbidden control character is written
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const HOSTILE = [
  '<script>alert(1)</script>', '"><svg onload=alert(1)>', 'a & b &amp; c', ']]>', '<![CDATA[x]]>', '<!-- c -->', '<?xml x?>',
  '\u0000nul and \u0007bell', 'line one\nline two\r\nline three\rend', 'tab\there', 'invoice\u202Efdp.exe', 'lone \uD800 high',
  'lone \uDC00 low', 'pair \uD83D\uDE00 ok', '\uFFFE\uFFFF', '\u001B[31mred', "it's \"quoted\"", '&#0;', '&lt;',
];

describe('server XML escaping', () => {
  it('escapes markup in text so `<`, `&` and `]]>` cannot end or open anything', () => {
    assert.equal(escapeText('<a href="x">&</a>'), '&lt;a href="x"&gt;&amp;&lt;/a&gt;');
    assert.equal(escapeText(']]>'), ']]&gt;');
    assert.equal(escapeText('plain text'), 'plain text');
  });

  it('keeps CR as a reference (a parser turns a literal CR into LF), tab and LF as they are in text', () => {
    assert.equal(escapeText('a\r\nb\tc'), 'a&#13;\nb\tc');
  });

  it('escapes quotes, tab, LF and CR in attributes (a parser turns literal whitespace there into spaces)', () => {
    assert.equal(escapeAttr(`k"'\t\n\r<&>`), 'k&quot;&apos;&#9;&#10;&#13;&lt;&amp;&gt;');
  });

  it('replaces the characters XML 1.0 forbids with U+FFFD, keeping length and valid pairs', () => {
    assert.equal(xmlSafe('\u0000a\u0007b\u000Bc\u001Fd'), `${REPLACEMENT_CHARACTER}a${REPLACEMENT_CHARACTER}b${REPLACEMENT_CHARACTER}c${REPLACEMENT_CHARACTER}d`);
    assert.equal(xmlSafe('x\uD800y\uDC00z'), `x${REPLACEMENT_CHARACTER}y${REPLACEMENT_CHARACTER}z`);
    assert.equal(xmlSafe('\uD83D\uDE00'), '\uD83D\uDE00');
    assert.equal(xmlSafe('\uFFFE\uFFFF'), REPLACEMENT_CHARACTER.repeat(2));
    assert.equal(xmlSafe('\t\n\r'), '\t\n\r');
  });

  it('round-trips every hostile string: the parser reads back xmlSafe(s), and nothing forbidden or markup-like is written', () => {
    for (const s of HOSTILE) {
      for (const escaped of [escapeText(s), escapeAttr(s)]) {
        assert.equal(unescape(escaped), xmlSafe(s), JSON.stringify(s));
        assert.doesNotMatch(escaped, FORBIDDEN_CHARS, JSON.stringify(s));
        assert.doesNotMatch(escaped, /[<>]|\]\]>/, JSON.stringify(s));
      }
      assert.doesNotMatch(escapeAttr(s), /["'\t\n\r]/, JSON.stringify(s));
    }
  });

  it('writes splunkd\'s message and response shapes with escaped values', () => {
    assert.equal(messagesXml([{ type: 'FATAL', text: "Unknown search command '<x>'." }]),
      '<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <messages>\n    <msg type="FATAL">Unknown search command \'&lt;x&gt;\'.</msg>\n  </messages>\n</response>\n');
    assert.match(messagesXml([{ type: 'WARN', code: 'incorrect_username_or_password', text: 'Login failed' }]), /<msg type="WARN" code="incorrect_username_or_password">Login failed<\/msg>/);
    assert.equal(responseXml({ sid: '1.2&3' }), '<?xml version="1.0" encoding="UTF-8"?>\n<response>\n  <sid>1.2&amp;3</sid>\n</response>\n');
  });
});

describe('server Atom and results XML', () => {
  it('writes REST values as s:dict / s:key / s:list, flags as 1/0, absent as empty', () => {
    const xml = restValue({ isDone: true, isFailed: false, n: 3, none: null, list: ['a', '<b>'], empty: [], nested: {}, 'k"<': 'v' });
    for (const part of ['<s:key name="isDone">1</s:key>', '<s:key name="isFailed">0</s:key>', '<s:key name="n">3</s:key>',
      '<s:key name="none"></s:key>', '<s:item>&lt;b&gt;</s:item>', '<s:key name="empty"><s:list/></s:key>',
      '<s:key name="nested"><s:dict/></s:key>', '<s:key name="k&quot;&lt;">v</s:key>']) {
      assert.ok(xml.includes(part), `${part} in\n${xml}`);
    }
    assert.equal(restValue({ a: '1' }, '', ''), '\n  <dict>\n    <key name="a">1</key>\n  </dict>\n');
  });

  it('an entry carries title, links, author and the ACL as eai:acl, all escaped', () => {
    const xml = atomEntry({
      name: 'search "<x>" & y', id: 'https://h/services/search/jobs/1', updated: 'u', published: 'p', author: 'admin',
      links: { alternate: '/services/search/jobs/1?a=1&b=2' }, content: { sid: '1' }, acl: { owner: 'admin' },
    });
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<entry xmlns="http://www.w3.org/2005/Atom" xmlns:s="http://dev.splunk.com/ns/rest"'));
    assert.ok(xml.includes('<title>search "&lt;x&gt;" &amp; y</title>'));
    assert.ok(xml.includes('<link href="/services/search/jobs/1?a=1&amp;b=2" rel="alternate"/>'));
    assert.ok(xml.includes('<s:key name="eai:acl">'));
  });

  it('a result row: one <value> per value, _raw as <v xml:space="preserve">, absent cells left out', () => {
    const xml = resultXml({ a: '1', b: ['x', '<y>'], _raw: ' raw & \r\n' }, ['a', 'b', 'c', '_raw'], 7);
    assert.equal(xml, '\t<result offset="7">\n'
      + '\t\t<field k="a">\n\t\t\t<value><text>1</text></value>\n\t\t</field>\n'
      + '\t\t<field k="b">\n\t\t\t<value><text>x</text></value>\n\t\t\t<value><text>&lt;y&gt;</text></value>\n\t\t</field>\n'
      + '\t\t<field k="_raw">\n\t\t\t<v xml:space="preserve" trunc="0"> raw &amp; &#13;\n</v>\n\t\t</field>\n'
      + '\t</result>\n');
  });

  it('a results document: preview flag, field order, messages, offsets from the page start', () => {
    const xml = resultsXml(['a'], [{ a: '1' }, { a: '2' }], 10, true, [{ type: 'WARN', text: 'w&' }]);
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<results preview="1">\n<meta>\n<fieldOrder>\n<field>a</field>\n</fieldOrder>\n</meta>\n<messages>\n  <msg type="WARN">w&amp;</msg>\n</messages>\n'));
    assert.ok(xml.includes('<result offset="10">') && xml.includes('<result offset="11">'));
    assert.ok(xml.endsWith('</results>\n'));
    assert.ok(resultsXml([], [], 0, false, []).includes('<fieldOrder/>'));
  });
});
