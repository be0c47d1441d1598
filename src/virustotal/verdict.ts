/**
 * What we keep of a VirusTotal file object, and the validation of the reply it comes from. The reply
 * is untrusted input: anything that is not the documented shape is a `malformed` error, and every
 * string kept is bounded, so a hostile or broken server cannot crash or bloat the extension.
 */
import { VirusTotalError } from './errors';

/**
 * Engine categories that count towards `total`: the engines that gave an opinion on the file.
 * `type-unsupported`, `timeout`, `confirmed-timeout` and `failure` are left out, as VirusTotal's own
 * detection ratio leaves them out: an engine that could not scan the file did not call it clean.
 */
export const COUNTED_CATEGORIES = ['malicious', 'suspicious', 'undetected', 'harmless'] as const;

export interface Verdict {
  /** Engines that call the file malicious. */
  malicious: number;
  suspicious: number;
  /** malicious + suspicious + undetected + harmless. */
  total: number;
  /** popular_threat_classification.suggested_threat_label */
  label?: string;
  meaningfulName?: string;
  /** last_analysis_date, seconds since the epoch (UTC). */
  lastAnalysisDate?: number;
  /** The file's hashes as VirusTotal reports them (lower-case hex), when it reports them. */
  sha256?: string;
  sha1?: string;
  md5?: string;
}

export const MAX_TEXT = 200;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < 1e6;

function malformed(why: string): VirusTotalError {
  return new VirusTotalError('malformed', `VirusTotal sent a reply this extension does not understand (${why}).`);
}

function text(x: unknown): string | undefined {
  if (typeof x !== 'string' || x === '') return undefined;
  return x.length > MAX_TEXT ? x.slice(0, MAX_TEXT) : x;
}

function hex(x: unknown, length: number): string | undefined {
  return typeof x === 'string' && x.length === length && /^[0-9a-fA-F]+$/.test(x) ? x.toLowerCase() : undefined;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return malformed('not JSON');
  }
}

/** The verdict in a `GET /files/{id}` 200 reply; throws a `malformed` VirusTotalError otherwise. */
export function parseFileReply(body: string): Verdict {
  const json = parseJson(body);
  if (json instanceof VirusTotalError) throw json;
  if (!isObj(json) || !isObj(json.data)) throw malformed('no data object');
  const attributes = json.data.attributes;
  if (!isObj(attributes)) throw malformed('no attributes');
  const stats = attributes.last_analysis_stats;
  if (!isObj(stats)) throw malformed('no last_analysis_stats');
  let total = 0;
  for (const c of COUNTED_CATEGORIES) {
    const n = stats[c] ?? 0;
    if (!isCount(n)) throw malformed(`last_analysis_stats.${c} is not a count`);
    total += n;
  }
  const date = attributes.last_analysis_date;
  const classification = attributes.popular_threat_classification;
  const verdict: Verdict = { malicious: (stats.malicious as number | undefined) ?? 0, suspicious: (stats.suspicious as number | undefined) ?? 0, total };
  const label = isObj(classification) ? text(classification.suggested_threat_label) : undefined;
  const name = text(attributes.meaningful_name);
  if (label) verdict.label = label;
  if (name) verdict.meaningfulName = name;
  if (typeof date === 'number' && Number.isInteger(date) && date > 0) verdict.lastAnalysisDate = date;
  const sha256 = hex(attributes.sha256, 64);
  const sha1 = hex(attributes.sha1, 40);
  const md5 = hex(attributes.md5, 32);
  if (sha256) verdict.sha256 = sha256;
  if (sha1) verdict.sha1 = sha1;
  if (md5) verdict.md5 = md5;
  return verdict;
}

/** VirusTotal's error code (`NotFoundError`, `QuotaExceededError`, ...) from an error reply, if it has one. */
export function errorCode(body: string): string | undefined {
  const json = parseJson(body);
  if (!isObj(json) || !isObj(json.error)) return undefined;
  const code = json.error.code;
  return typeof code === 'string' && /^[A-Za-z]{1,64}$/.test(code) ? code : undefined;
}

/** True when VirusTotal flags the file: at least one engine says malicious or suspicious. */
export function isFlagged(v: Verdict): boolean {
  return v.malicious > 0 || v.suspicious > 0;
}

/** `malicious/total`, the ratio users know from VirusTotal's own pages. */
export function ratio(v: Verdict): string {
  return `${v.malicious}/${v.total}`;
}

/** YYYY-MM-DD (UTC) of a last_analysis_date. */
export function analysisDay(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}
