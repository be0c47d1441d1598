import assert from 'node:assert/strict';
import { renderResults, type PageRequest } from '../../../src/server/render';
import { CHUNK_BYTES, resultPieces, type StreamedMode } from '../../../src/server/results-stream';
import type { SplEvent } from '../../../src/engine';

const hostile = 'a"b\\c\n<x>&\u2028\u0001</results>]}';
const rows: SplEvent[] = [
  { _time: '1700000000.123', a: '1', b: ['x', hostile], _raw: 'raw <text>' },
  { a: '2', _time: 'not an epoch' },
  { b: 'z', [hostile]: hostile },
  {},
];
const fields = ['_time', 'a', 'b', hostile, '_raw'];
const modes: StreamedMode[] = ['xml', 'json', 'json_rows'];
const pages: PageRequest[] = [
  { count: 100, offset: 0 }, { count: 2, offset: 1 }, { count: 10, offset: 3 }, { count: 10, offset: 9 },
  { count: 100, offset: 0, fieldList: ['b', 'a'] },
];

describe('server/results-stream', () => {
  for (const mode of modes) {
    it(`writes the same ${mode} text as renderResults, page by page`, () => {
      for (const page of pages) {
        for (const preview of [false, true]) {
          const messages = [{ type: 'WARN' as const, text: hostile }];
          const expected = renderResults(fields, rows, page, mode, preview, messages).body;
          assert.equal(Buffer.concat([...resultPieces(fields, rows, page, mode, preview, messages)]).toString('utf8'), expected, JSON.stringify(page));
        }
      }
    });
  }

  it('cuts a large page into pieces of about CHUNK_BYTES', () => {
    const many: SplEvent[] = Array.from({ length: 20_000 }, (_, i) => ({ _time: String(1_700_000_000 + i), a: `value ${i} `.repeat(5) }));
    const pieces = [...resultPieces(['_time', 'a'], many, { count: 50_000, offset: 0 }, 'json_rows', false)];
    assert.ok(pieces.length > 3);
    for (const p of pieces.slice(0, -1)) assert.ok(p.length >= CHUNK_BYTES - 1000 && p.length <= CHUNK_BYTES, String(p.length));
    assert.equal(Buffer.concat(pieces).toString('utf8'), renderResults(['_time', 'a'], many, { count: 50_000, offset: 0 }, 'json_rows', false).body);
  });
});
