import assert from 'node:assert/strict';
import { parseHashList } from '../../../src/results/hashes';
import { bestFileId, fileIdFor, IMPHASH_REFUSAL, uniqueFileIds } from '../../../src/virustotal';

const SHA1 = 'A'.repeat(40);
const MD5 = 'B'.repeat(32);
const SHA256 = 'C'.repeat(64);
const IMP = 'D'.repeat(32);

describe('VirusTotal file ids', () => {
  it('asks for the SHA256 of a hash list that has one', () => {
    assert.deepEqual(bestFileId(parseHashList(`SHA1=${SHA1},MD5=${MD5},SHA256=${SHA256},IMPHASH=${IMP}`)), { algorithm: 'SHA256', value: SHA256.toLowerCase() });
  });
  it('falls back to SHA1, then MD5, never IMPHASH', () => {
    assert.deepEqual(bestFileId(parseHashList(`MD5=${MD5},SHA1=${SHA1}`)), { algorithm: 'SHA1', value: SHA1.toLowerCase() });
    assert.deepEqual(bestFileId(parseHashList(`MD5=${MD5},IMPHASH=${IMP}`)), { algorithm: 'MD5', value: MD5.toLowerCase() });
    assert.equal(bestFileId(parseHashList(`IMPHASH=${IMP}`)), undefined);
    assert.equal(bestFileId(parseHashList(`SHA256=${SHA256.slice(1)}`)), undefined, 'an invalid SHA256 is not asked for');
  });
  it('refuses an IMPHASH with the reason', () => {
    assert.deepEqual(fileIdFor('IMPHASH', IMP), { refused: IMPHASH_REFUSAL });
    assert.match(IMPHASH_REFUSAL, /not a file/);
    assert.deepEqual(fileIdFor('MD5', 'xyz'), { refused: 'Not a valid MD5.' });
  });
  it('dedupes in first-seen order', () => {
    const a = { algorithm: 'SHA256' as const, value: 'a'.repeat(64) };
    const b = { algorithm: 'MD5' as const, value: 'b'.repeat(32) };
    assert.deepEqual(uniqueFileIds([a, b, a]), [a, b]);
  });
});
