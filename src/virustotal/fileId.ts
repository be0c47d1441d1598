/**
 * Which hash VirusTotal is asked for. A file object's id is its SHA256, and `/files/{id}` also accepts
 * SHA1 and MD5; an IMPHASH names an import table shared by many files, not a file, so it is refused.
 */
import { HASH_HEX_LENGTH, type HashAlgorithm, type ParsedHashList } from '../results/hashes';

export type FileIdAlgorithm = 'SHA256' | 'SHA1' | 'MD5';

export interface FileId {
  algorithm: FileIdAlgorithm;
  /** Lower-case hex: the form used in the URL and as the cache key. */
  value: string;
}

/** Best first: SHA256 is the file object's own id; MD5 collides by construction, so it comes last. */
export const FILE_ID_ORDER: readonly FileIdAlgorithm[] = ['SHA256', 'SHA1', 'MD5'];

export const IMPHASH_REFUSAL = 'An IMPHASH identifies an import table shared by many files, not a file: VirusTotal has no file to look up by it. Look up the SHA256, SHA1 or MD5 instead.';

/** The id for one hash, or the reason it cannot be one (IMPHASH, or not valid hex of the right length). */
export function fileIdFor(algorithm: HashAlgorithm, value: string): FileId | { refused: string } {
  if (algorithm === 'IMPHASH') return { refused: IMPHASH_REFUSAL };
  if (value.length !== HASH_HEX_LENGTH[algorithm] || !/^[0-9a-fA-F]+$/.test(value)) {
    return { refused: `Not a valid ${algorithm}.` };
  }
  return { algorithm, value: value.toLowerCase() };
}

/** The one id to ask for a Sysmon hash list: its SHA256, else its SHA1, else its MD5. */
export function bestFileId(parsed: ParsedHashList): FileId | undefined {
  for (const algorithm of FILE_ID_ORDER) {
    const h = parsed.hashes.find((p) => p.valid && p.algorithm === algorithm);
    if (h) return { algorithm, value: h.value.toLowerCase() };
  }
  return undefined;
}

/** Distinct ids, first-seen order (a result set repeats the same few binaries many times). */
export function uniqueFileIds(ids: Iterable<FileId>): FileId[] {
  const seen = new Map<string, FileId>();
  for (const id of ids) if (!seen.has(id.value)) seen.set(id.value, id);
  return [...seen.values()];
}
