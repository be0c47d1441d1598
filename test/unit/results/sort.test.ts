import assert from 'node:assert/strict';
import { COLLATOR_LIMIT, foldedCompare, rankStrings } from '../../../src/results/sort';

/** The order rankStrings defines past COLLATOR_LIMIT distinct values, written the slow, obvious way. */
function referenceRanks(values: readonly string[]): Uint32Array {
  const cmp = (a: number, b: number): number => {
    const x = values[a]!, y = values[b]!;
    return foldedCompare(x, y) || (x < y ? -1 : x > y ? 1 : 0);
  };
  const order = values.map((_, i) => i).sort(cmp);
  const ranks = new Uint32Array(values.length);
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
