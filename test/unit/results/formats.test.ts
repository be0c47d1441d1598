import assert from 'node:assert/strict';
import Papa from 'papaparse';
import { delimitedLines, delimitedLinesFast, formatCopy, planCopy, toCsv, toTsv, toJson, toMarkdown, columnValues, columnUniqueValues, cellRaw, escapeMarkdownCell } from '../../../src/results/formats';
import type { Cell } from '../../../src/search/backend';
import { tableOf, NETSH } from './hashes.fixtures';

/** Values an attacker can put in a command line or file name. */
export const HOSTILE: string[] = [
  'plain', 'with,comma', 'with "quotes"', 'line1\nline2', 'cr\rlf\r\n', 'tab\there', ' lead and trail ',
  '', '\uFEFFbom', 'emoji 🦊🔥', 'RTL \u202Eexe.txt', 'עברית العربية', 'nul\0char', '<script>alert(1)</script>',
  '"', '""', ',', '\t', "'quoted", 'x'.repeat(100_000) + '\n,"\t',
];
const FORMULAS = ['=1+1', '+cmd', '-enc SQBFAFgA', '@SUM(A1)', '\tlead', '\nlead', '\rlead', '＝1', '=HYPERLINK("x")\nline2'];

function parse(text: string, delimiter: string): string[][] {
  const r = Papa.parse<string[]>(text, { delimiter, newline: '\r\n', skipEmptyLines: false });
  assert.deepEqual(r.errors, []);
  const rows = r.data;
  if (rows.length > 0 && rows[rows.length - 1]!.length === 1 && rows[rows.length - 1]![0] === '') rows.pop();
  return rows;
}

const columns = ['Image', 'CommandLine', 'Hashes'];
const rows: Cell[][] = HOSTILE.map((v, i) => [v, FORMULAS[i % FORMULAS.length]!, i % 3 === 0 ? [NETSH.Hashes, v] : null]);
const view = tableOf(columns, rows);
const all = { rows: rows.map((_, i) => i), columns: [0, 1, 2] };

describe('CSV and TSV copy', () => {
  for (const [name, fn, delimiter] of [['CSV', toCsv, ','], ['TSV', toTsv, '\t']] as const) {
    it(`${name} round-trips hostile values exactly when neutralisation is off`, () => {
      const back = parse(fn(view, all, { neutralise: false }), delimiter);
      assert.deepEqual(back[0], columns);
      assert.equal(back.length, rows.length + 1);
      rows.forEach((r, i) => {
        assert.deepEqual(back[i + 1], r.map((c) => (c === null ? '' : typeof c === 'string' ? c : c.join('\n'))));
      });
    });

    it(`${name} neutralises formula-like values by default, and only them, with an apostrophe`, () => {
      const back = parse(fn(view, all), delimiter);
      rows.forEach((r, i) => {
        const cmd = r[1] as string;
        assert.equal(back[i + 1]![1], `'${cmd}`);
        const image = r[0] as string;
        const expected = /^[=+\-@\t\r\n\0＝＋－＠]/.test(image) ? `'${image}` : image;
        assert.equal(back[i + 1]![0], expected);
      });
    });
  }

  it('the exporter\'s fast serialiser gives exactly papaparse\'s bytes', () => {
    const texts = [...HOSTILE, ...FORMULAS, ' ', '  x', 'x ', '\uFEFF', 'a\u2028b'];
    const grid = texts.map((t, i) => [t, texts[(i + 7) % texts.length]!, '']);
    for (const delimiter of [',', '\t'] as const) {
      for (const neutralise of [true, false]) {
        const o = { delimiter, neutralise, multivalueSeparator: '\n' };
        assert.equal(delimitedLinesFast(grid, o), delimitedLines(grid, o));
      }
    }
  });

  it('neutralises field names too', () => {
    const v = tableOf(['=cmd', 'ok'], [['a', 'b']]);
    assert.equal(toCsv(v, { rows: [0], columns: [0, 1] }), "'=cmd,ok\r\na,b\r\n");
  });

  it('joins multivalues with a chosen separator and can leave out headers', () => {
    const v = tableOf(['mv'], [[['a', 'b', 'c']]]);
    assert.equal(toTsv(v, { rows: [0], columns: [0] }, { multivalueSeparator: ' | ', headers: false }), 'a | b | c\r\n');
    assert.equal(toCsv(v, { rows: [0], columns: [0] }, { headers: false }), '"a\nb\nc"\r\n');
  });

  it('copies only the selected rows and columns, in selection order', () => {
    const v = tableOf(['a', 'b', 'c'], [['1', '2', '3'], ['4', '5', '6']]);
    assert.equal(toCsv(v, { rows: [1, 0], columns: [2, 0] }), 'c,a\r\n6,4\r\n3,1\r\n');
  });
});

describe('JSON copy', () => {
  it('gives an array of objects keeping arrays and nulls, round-tripping hostile values', () => {
    const back = JSON.parse(toJson(view, all)) as Record<string, Cell>[];
    assert.equal(back.length, rows.length);
    back.forEach((o, i) => assert.deepEqual([o.Image, o.CommandLine, o.Hashes], rows[i]));
  });

  it('keeps a field called __proto__ as a plain key', () => {
    const v = tableOf(['__proto__', 'constructor'], [['x', 'y']]);
    const text = toJson(v, { rows: [0], columns: [0, 1] });
    assert.match(text, /"__proto__": "x"/);
    const o = (JSON.parse(text) as object[])[0]!;
    assert.equal(Object.getOwnPropertyDescriptor(o, '__proto__')?.value, 'x');
  });
});

describe('Markdown copy', () => {
  it('escapes pipes, markup and line breaks, keeps Windows paths readable', () => {
    assert.equal(escapeMarkdownCell('a|b'), 'a\\|b');
    assert.equal(escapeMarkdownCell('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(escapeMarkdownCell('C:\\Windows\\System32'), 'C:\\Windows\\System32');
    assert.equal(escapeMarkdownCell('x\\|y'), 'x\\\\\\|y');
    assert.equal(escapeMarkdownCell('1\r\n2\n3'), '1<br>2<br>3');
  });

  it('builds a table with one line per row whatever the values hold', () => {
    const md = toMarkdown(view, all);
    const lines = md.trimEnd().split('\n');
    assert.equal(lines.length, rows.length + 2);
    assert.equal(lines[0], '| Image | CommandLine | Hashes |');
    assert.equal(lines[1], '| --- | --- | --- |');
    // each body line has exactly 4 unescaped pipes
    for (const l of lines.slice(2)) assert.equal(l.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1, 4);
  });
});

describe('column values, unique values, raw cell', () => {
  const v = tableOf(['Image', 'CommandLine'], [
    ['a.exe', '=1+1'], ['b.exe', 'ok'], ['a.exe', null], [['c.exe', 'a.exe'], 'x\n@y'],
  ]);
  const sel = { rows: [0, 1, 2, 3], columns: [0] };

  it('lists values one per line, multivalues joined, neutralising each line', () => {
    assert.equal(columnValues(v, sel), 'a.exe\nb.exe\na.exe\nc.exe\na.exe');
    assert.equal(columnValues(v, { rows: [0, 1, 3], columns: [1] }), "'=1+1\nok\nx\n'@y");
    assert.equal(columnValues(v, { rows: [0], columns: [1] }, { neutralise: false }), '=1+1');
  });

  it('lists distinct values in first-seen order, splitting multivalues', () => {
    assert.equal(columnUniqueValues(v, sel), 'a.exe\nb.exe\nc.exe');
    assert.equal(columnUniqueValues(v, { rows: [0, 1], columns: [1] }), "'=1+1\nok");
  });

  it('copies a single cell raw, never neutralised', () => {
    assert.equal(cellRaw(v, { rows: [0], columns: [1] }), '=1+1');
    assert.equal(cellRaw(v, { rows: [3], columns: [0] }), 'c.exe\na.exe');
    assert.equal(cellRaw(v, { rows: [], columns: [] }), '');
    assert.equal(formatCopy(v, { rows: [0], columns: [1] }, 'cell'), '=1+1');
  });

  it('dispatches every format', () => {
    for (const f of ['tsv', 'csv', 'json', 'markdown', 'column-values', 'column-unique', 'cell'] as const) {
      assert.ok(formatCopy(v, sel, f).includes('a.exe'), f);
    }
  });
});

describe('copy size bounds', () => {
  const big = 'x'.repeat(1_000_000);
  // 60 rows of 1 MB: 60 MB of text, which copy must refuse without building it.
  const huge = { columns: ['CommandLine'], rowCount: 60, cell: () => big };
  const sel = { rows: Array.from({ length: 60 }, (_, i) => i), columns: [0] };

  it('refuses past the text limit and points to Export, for every format', () => {
    for (const format of ['tsv', 'csv', 'json', 'markdown', 'column-values', 'column-unique'] as const) {
      const plan = planCopy(huge, sel, format);
      assert.equal(plan.ok, false, format);
      assert.ok(!plan.ok && plan.tooLarge && /Use Export instead/.test(plan.reason), format);
    }
  });

  it('refuses past the cell limit before reading a cell', () => {
    let reads = 0;
    const wide = { columns: ['a', 'b'], rowCount: 3_000_000, cell: () => { reads++; return 'v'; } };
    const plan = planCopy(wide, { rows: Array.from({ length: 3_000_000 }, (_, i) => i), columns: [0, 1] }, 'tsv');
    assert.ok(!plan.ok && plan.tooLarge);
    assert.equal(reads, 0);
  });

  it('a single raw cell is never refused for the size of the rest', () => {
    const plan = planCopy(huge, sel, 'cell');
    assert.ok(plan.ok && plan.text.length === 1_000_000);
  });

  it('a failure while building (RangeError from V8) comes back as a reason, not a throw', () => {
    const throwing = { columns: ['a'], rowCount: 1, cell: () => { throw new RangeError('Invalid string length'); } };
    const plan = planCopy(throwing, { rows: [0], columns: [0] }, 'json', {}, { maxChars: Infinity, maxCells: Infinity });
    assert.ok(!plan.ok && plan.tooLarge && /Export/.test(plan.reason));
  });

  it('within the limits it is the same text as formatCopy', () => {
    const plan = planCopy(view, all, 'csv');
    assert.ok(plan.ok);
    assert.equal(plan.text, formatCopy(view, all, 'csv'));
  });
});
