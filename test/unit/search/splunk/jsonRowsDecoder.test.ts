import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { JsonRowsDecoder, parseJsonBody } from '../../../../src/search/splunk/jsonRowsDecoder';

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Bytes of heap `make()`'s result keeps alive. */
function retained(make: () => unknown): number {
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = make();
  collect();
  const bytes = process.memoryUsage().heapUsed - before;
  assert.ok(kept);
  return bytes;
}

/** What the decoder gives for `body` cut into the given chunks. */
let lastDecoder: JsonRowsDecoder | undefined;

function decodeIn(body: Buffer, cuts: number[]): unknown {
  const d = new JsonRowsDecoder();
  lastDecoder = d;
  let from = 0;
  for (const at of [...cuts, body.length]) { d.push(body.subarray(from, at)); from = at; }
  const value = d.finish();
  // `fast`: the rows must have come from the streaming path, not the whole-body fallback.
  if (fastOnly) assert.equal(d.parsedWhole, false, `fell back to the whole-body parse (cuts ${cuts.length > 20 ? 'every byte' : cuts.join(',')})`);
  return value;
}

let fastOnly = false;

/**
 * What the decoder gave means what JSON.parse of the body means. For a body that is not JSON that is
 * a string: the body text, or, once parsed rows have let their bytes go, the body's start and `…`.
 */
function sameMeaning(got: unknown, expected: unknown, where: string): void {
  if (typeof expected === 'string' && typeof got === 'string' && got !== expected && got.endsWith('…')) {
    assert.ok(got.length > 1 && expected.startsWith(got.slice(0, -1)), `${where}: ${JSON.stringify(got)} is not the start of the body`);
    return;
  }
  assert.deepEqual(got, expected, where);
}

/** The decoder must agree with JSON.parse of the whole body however the body is cut. */
function agreesAtEveryCut(text: string, fast = false): void {
  fastOnly = fast;
  const body = Buffer.from(text, 'utf8');
  const expected = parseJsonBody(text);
  try {
  sameMeaning(decodeIn(body, []), expected, 'one chunk');
  for (let at = 0; at <= body.length; at++) sameMeaning(decodeIn(body, [at]), expected, `cut at byte ${at}`);
  sameMeaning(decodeIn(body, Array.from({ length: body.length }, (_, i) => i)), expected, 'one byte per chunk');
  for (let a = 1; a < body.length; a += 7) for (let b = a + 1; b < body.length; b += 5) sameMeaning(decodeIn(body, [a, b]), expected, `cuts at ${a}, ${b}`);
  } finally { fastOnly = false; }
}

describe('JsonRowsDecoder', () => {
  const page = (rows: string) => `{"preview":false,"init_offset":0,"messages":[{"type":"INFO","text":"rows: [1,2]"}],"fields":["a","b","c"],"rows":${rows}}`;

  it('parses a page cut anywhere, including inside multi-byte UTF-8 and inside escapes', () => {
    agreesAtEveryCut(page('[["C:\\\\Windows\\\\x.exe","caf\u00e9 \u{1F600} \u4E2D",null],["say \\"hi\\" \\\\","\\u00e9\\n\\t\\/",["m1","m2"]],[1,true,{"o":"],[\\""}]]'), true);
    agreesAtEveryCut(' \n{ "rows" : [ [ "a\\\\" ] , [ "b" ] ] , "fields" : [ "f" ] } \n', true);
    agreesAtEveryCut('{"\\u0072ows":[["a"],["b"]],"x":[1]}', true);
    agreesAtEveryCut(page('[]'), true);
  });

  it('gives the rows JSON.parse gives, in order, with a rare non-ASCII row among ASCII ones', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`row ${i}`, i % 997 === 0 ? `\u00fcber ${i}` : `plain,${i}]`, i % 3 === 0 ? null : ['x', `y${i}`]]);
    const text = page(JSON.stringify(rows));
    const body = Buffer.from(text);
    for (const size of [1, 100, 4096, 65536]) {
      const cuts: number[] = [];
      for (let at = size; at < body.length; at += size) cuts.push(at);
      assert.deepEqual(decodeIn(body, cuts), JSON.parse(text), `chunks of ${size}`);
      assert.equal(lastDecoder?.parsedWhole, false);
    }
  });

  it('parses rows while the body is still arriving', () => {
    const body = Buffer.from(page(JSON.stringify(Array.from({ length: 1000 }, (_, i) => [`r${i}`, 'v', null]))));
    const d = new JsonRowsDecoder();
    d.push(body.subarray(0, body.length >> 1));
    assert.ok(d.rowsParsed > 400, `${d.rowsParsed} rows parsed from the first half`);
    d.push(body.subarray(body.length >> 1));
    assert.equal((d.finish() as { rows: unknown[] }).rows.length, 1000);
  });

  it('gives JSON.parse\'s rows for columns that repeat, stop repeating and repeat again, with values meeting in one cache slot', () => {
    // Same length and the same units where the cache looks, different elsewhere: they share a slot.
    const twins = ['aXbcYdeZ', 'aQbcYdeZ'];
    const rows = Array.from({ length: 40_000 }, (_, i) => [
      `C:\\Windows\\System32\\tool${i % 7}.exe`,
      i < 5000 || i > 30_000 ? `distinct ${i} ${'x'.repeat(i % 50)}` : `again ${i % 3}`,
      twins[i % 2]!,
      i % 5 === 0 ? [`m${i % 4}`, `m${i % 4}`, ''] : null,
      '',
      i % 11 === 0 ? '\u00fcber' : 'plain',
    ]);
    const text = page(JSON.stringify(rows));
    const body = Buffer.from(text);
    const cuts: number[] = [];
    for (let at = 65536; at < body.length; at += 65536) cuts.push(at);
    assert.deepEqual(decodeIn(body, cuts), JSON.parse(text));
    assert.equal(lastDecoder?.parsedWhole, false);
  });

  it('keeps one copy of a value repeated down a column (a 2,000-character value in 20,000 rows takes far less than 20,000 copies)', () => {
    const value = `SHA1=${'A'.repeat(40)},MD5=${'B'.repeat(32)},CommandLine=${'c'.repeat(1900)}`;
    const rows = Array.from({ length: 20_000 }, (_, i) => [value, `${i}`]);
    const body = Buffer.from(page(JSON.stringify(rows)));
    const copies = 20_000 * value.length;
    const bytes = retained(() => decodeIn(body, [body.length >> 2, body.length >> 1]));
    assert.ok(bytes < copies / 4, `${(bytes / 1e6).toFixed(1)} MB kept for the rows; 20,000 copies of the value are ${(copies / 1e6).toFixed(1)} MB`);
  });

  it('lets go of the bytes of rows it has parsed while the body arrives', () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [`C:\\Users\\u${i}\\AppData\\Local\\Temp\\run-${i * 7919}.exe`, `${i}`]);
    const body = Buffer.from(page(JSON.stringify(rows)));
    const d = new JsonRowsDecoder();
    collect();
    const before = process.memoryUsage().arrayBuffers;
    // Each chunk its own allocation, as a socket hands them over.
    for (let at = 0; at < body.length - 65536; at += 65536) d.push(Buffer.from(body.subarray(at, at + 65536)));
    collect();
    const held = process.memoryUsage().arrayBuffers - before;
    assert.ok(held < body.length / 4, `${(held / 1e6).toFixed(1)} MB of bytes held with ${d.rowsParsed} of 60,000 rows parsed; the body is ${(body.length / 1e6).toFixed(1)} MB`);
    d.push(Buffer.from(body.subarray(body.length - (body.length % 65536 || 65536))));
    assert.deepEqual(d.finish(), JSON.parse(body.toString()));
  });

  it('takes a document with two rows arrays on the fast path, with the last one as JSON.parse does', () => {
    agreesAtEveryCut('{"rows":[["a"]],"x":1,"rows":[["b"],["c"]],"y":2}', true);
    agreesAtEveryCut('{"rows":[["a"]],"rows":"none"}', true);
    agreesAtEveryCut('{"rows":[["a"]],"rows":[]}', true);
  });

  it('agrees with JSON.parse on documents the fast path does not take', () => {
    for (const text of [
      '', '   ', 'not json', '<html>oops</html>', '[["a"]]', '\uFEFF{"rows":[["a"]]}', page('[]'), page('[ ]'), page('null'), page('"rows"'),
      '{"rows":[["a"]],"rows":[["b"]]}', '{"rows":[["a"]],"x":{"rows":[["c"]]}}', '{"\\u0072ows":[["a"],["b"]]}', '{"messages":[{"rows":[1,2]}],"rows":[["a"]]}',
      page('[["a"],]'), page('[,["a"]]'), page('[["a"],,["b"]]'), page('[["a"] ["b"]]'), page('[["a"}]'), page('[["a"]}'), `${page('[["a"]]')} x`,
      `${page('[["a"]]')}{`, page('[["a"],["b"]'), '{"rows":[["a"]]', '{"rows":[["a\\"]]}', ' \n{ "rows" : [ [ "a" ] , [ "b" ] ] , "fields" : [ "f" ] } \n',
    ]) agreesAtEveryCut(text);
  });
});
