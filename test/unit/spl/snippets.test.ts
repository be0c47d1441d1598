import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRiskyCommands, normalizeQuery, queryAtCursor, tokenize } from '../../../src/spl';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const snippets = JSON.parse(readFileSync(join(__dirname, '../../../snippets/spl.json'), 'utf8')) as Record<string, Snippet>;

/**
 * The text a snippet inserts when every placeholder keeps its default, following VS Code's
 * snippet syntax: `${n:default}` (possibly nested), `$n`, and `\` escaping `$`, `}` and `\`.
 */
function expandDefaults(body: string): string {
  let out = '';
  const stack: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && (body[i + 1] === '$' || body[i + 1] === '}' || body[i + 1] === '\\')) {
      out += body[++i];
    } else if (ch === '$' && body[i + 1] === '{') {
      const m = /^\$\{(\d+):/.exec(body.slice(i));
      assert.ok(m, `unsupported placeholder at ${body.slice(i, i + 10)}`);
      stack.push('}');
      i += m[0].length - 1;
    } else if (ch === '$' && /\d/.test(body[i + 1] ?? '')) {
      while (/\d/.test(body[i + 1] ?? '')) i++;
    } else if (ch === '}' && stack.length > 0) {
      stack.pop();
    } else {
      out += ch;
    }
  }
  assert.equal(stack.length, 0, 'unbalanced placeholders');
  return out;
}

function defaultText(name: string): string {
  const body = snippets[name]!.body;
  return expandDefaults(Array.isArray(body) ? body.join('\n') : body);
}

describe('snippets', () => {
  const required = ['Sysmon process creation hunt', 'stats count by', 'rex with a named group', 'Hash pivot', 'tstats over a data model', 'Time-bounded search'];

  it('include the required ones, each with a prefix, body and description', () => {
    for (const name of required) assert.ok(snippets[name], name);
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.prefix.length > 0 && s.body.length > 0 && s.description.length > 0, name);
    }
  });

  for (const name of required) {
    it(`"${name}" expands to one runnable, non-risky query with balanced quotes`, () => {
      const text = defaultText(name);
      for (const t of tokenize(text)) {
        if (t.kind === 'string') assert.ok(t.end - t.start >= 2 && text[t.end - 1] === '"', `unclosed string in ${text}`);
      }
      const r = queryAtCursor(text, 0);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      assert.equal(r.range.endOffset, text.length, 'a snippet is a single block');
      assert.ok(normalizeQuery(r.query).ok);
      assert.deepEqual(findRiskyCommands(r.query), []);
    });
  }

  it('escape the Sysmon Image path so Splunk sees one literal backslash', () => {
    const text = defaultText('Sysmon process creation hunt');
    assert.match(text, /Image="\*\\\\powershell\.exe"/);
  });

  it('give rex a named group', () => {
    const text = defaultText('rex with a named group');
    assert.match(text, /\(\?<new_field>/);
  });
});
