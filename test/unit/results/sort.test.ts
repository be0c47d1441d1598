import assert from 'node:assert/strict';
import { COLLATOR_LIMIT, foldedCompare, parseNumber, rankColumn, rankStrings } from '../../../src/results/sort';
import { SortScratch, sortScratch } from '../../../src/results/sortScratch';

/** The order rankStrings defines past COLLATOR_LIMIT distinct values, written the slow, obvious way. */
function referenceRanks(values: readonly string[]): Uint32Array {
  const cmp = (a: number, b: number): number => {
    const x = values[a]!, y = values[b]!;
    return foldedCompare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
  };
  return ranksBy(values.length, cmp);
}

/** Ranks of positions [0, n) ordered by cmp, equal positions sharing a rank. */
function ranksBy(n: number, cmp: (a: number, b: number) => number): Uint32Array {
  const order = Array.from({ length: n }, (_, i) => i).sort(cmp);
  const ranks = new Uint32Array(n);
  let rank = 0;
  for (let i = 0; i < order.length; i++) {
    if (i > 0 && cmp(order[i - 1]!, order[i]!) !== 0) rank++;
    ranks[order[i]!] = rank;
  }
  return ranks;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

describe('rankStrings past the collator limit (radix paths)', () => {
  // Prefixes around the 64-unit window the fast path reads per string, and cases that differ only in case.
  const prefixes = ['', '"C:\\Windows\\System32\\cmd.exe" /c ', 'x'.repeat(31), 'X'.repeat(64), 'ab'.repeat(40), '-NoProfile -ExecutionPolicy Bypass -EncodedCommand '];
  const asciiUnits = ['a', 'A', 'b', 'B', 'z', 'Z', '0', '9', '10', ' ', '\\', '"', '~', '\x7f', '\0', '-', '.'];
  const otherUnits = ['é', 'É', 'ÿ', 'þ', 'Ā', '\u{1F600}', 'ß'];

  for (const [name, units] of [['ASCII', asciiUnits], ['mixed with non-ASCII', [...asciiUnits, ...otherUnits]]] as const) {
    it(`matches the reference order on generated ${name} values (empty, numeric-looking, mixed case, repeats)`, () => {
      for (let round = 0; round < 4; round++) {
        const rand = random(round * 7919 + units.length);
        const values: string[] = [];
        while (values.length < COLLATOR_LIMIT + 6000) {
          let v = prefixes[Math.floor(rand() * prefixes.length)]!;
          const len = Math.floor(rand() * 80);
          for (let j = 0; j < len; j++) v += units[Math.floor(rand() * units.length)]!;
          values.push(v);
          if (rand() < 0.1) values.push(v);
          if (rand() < 0.1) values.push(v.toUpperCase() === v ? v.toLowerCase() : v.toUpperCase());
          if (rand() < 0.02) values.push(String(Math.floor(rand() * 1e6)));
        }
        values.push('', '', 'a', 'A');
        assert.ok(new Set(values).size > COLLATOR_LIMIT);
        const got = rankStrings(values);
        const want = referenceRanks(values);
        for (let i = 0; i < values.length; i++) {
          assert.equal(got[i], want[i], `rank of ${JSON.stringify(values[i])} (round ${round})`);
        }
      }
    });
  }
});

describe('rankColumn', () => {
  /** Numbers, then timestamps, then text (folded code units past the collator limit), absent last. */
  function referenceColumnRanks(cells: readonly (string | null)[]): Uint32Array {
    const kind = (v: string | null): number => (v === null || v === '' ? 3 : parseNumber(v) !== undefined ? 0 : /^\d{4}-\d{2}-\d{2}T/.test(v) ? 1 : 2);
    const key = (v: string): number => (parseNumber(v) ?? Date.parse(v));
    const cmp = (a: number, b: number): number => {
      const x = cells[a]!, y = cells[b]!;
      const k = kind(x) - kind(y);
      if (k !== 0 || kind(x) === 3) return k;
      if (kind(x) < 2) return key(x) - key(y);
      return foldedCompare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
    };
    return ranksBy(cells.length, cmp);
  }

  it('orders numbers, times, text and absent cells the same when scratch buffers are reused at other sizes', () => {
    // A large sort first leaves long buffers full of its values; the smaller ones after it must not read
    // them. Each column has more distinct texts than COLLATOR_LIMIT, so the radix paths order the text.
    for (const [round, n] of [[0, 80_000], [1, 36_000], [2, 50_000]] as const) {
      const rand = random(round + 11);
      const cells: (string | null)[] = [];
      for (let i = 0; i < n; i++) {
        const r = rand();
        if (r < 0.05) cells.push(rand() < 0.5 ? null : '');
        else if (r < 0.25) cells.push(String(Math.floor(rand() * 2000) - 1000) + (rand() < 0.3 ? '.5' : ''));
        else if (r < 0.4) cells.push(new Date(1.6e12 + Math.floor(rand() * 1e10)).toISOString());
        else cells.push(`"C:\\Windows\\System32\\cmd.exe" /c ${Math.floor(rand() * 1e9).toString(16)}${rand() < 0.5 ? 'A' : 'a'}`);
      }
      cells.push(' 42 ', '\u00a07', '+3', '-0.25', '.5');
      const got = rankColumn((r) => cells[r] ?? null, cells.length);
      const want = referenceColumnRanks(cells);
      for (let i = 0; i < cells.length; i++) assert.equal(got.ranks[i], want[i], `rank of ${JSON.stringify(cells[i])} (n=${n})`);
      assert.equal(got.nullRank, Math.max(...got.ranks));
    }
    assert.ok(sortScratch.heldBytes > 0, 'the buffers are kept for the next sort');
  });

  it('reads numbers that start with a sign, a dot or white space, and nothing else as a number', () => {
    assert.deepEqual([' 42 ', '\u00a07', '+3', '-0.25', '.5', '1e3'].map(parseNumber), [42, 7, 3, -0.25, 0.5, 1000]);
    assert.deepEqual(['"1"', 'x1', '0x10', '1,000', '', '\u00e91'].map(parseNumber), [undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('SortScratch', () => {
  it('hands the same memory to the next sort, grows when asked for more, and gives it all back once idle', async () => {
    const scratch = new SortScratch(20);
    const a = scratch.u32('order', 1000);
    a[999] = 7;
    const b = scratch.u32('order', 500);
    assert.equal(b.buffer, a.buffer, 'a smaller request reuses the buffer');
    assert.equal(scratch.heldBytes, 4000);
    const c = scratch.u32('order', 2000);
    assert.notEqual(c.buffer, a.buffer);
    assert.equal(c.length, 2000);
    scratch.f64('packed', 10);
    assert.equal(scratch.heldBytes, 8000 + 80);
    // The timer under test is the unit's own; nothing here waits for a UI.
    for (let i = 0; i < 200 && scratch.heldBytes > 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(scratch.heldBytes, 0, 'released after the idle time');
  });
});
