/**
 * splunkd's Atom form of entities (search jobs, server/info): the same entry objects the JSON replies carry,
 * written as `<entry>`/`<feed>` with `<s:dict>`/`<s:key>`/`<s:list>` content, as Splunk's Python SDK
 * (splunklib.data) reads them. Flags become "1"/"0" because that is what splunkd sends and what
 * `Job.is_done()` compares against.
 */
import { XML_DECLARATION, escapeAttr, escapeText } from './xml';

export interface FeedEntry {
  name: string;
  id: string;
  updated: string;
  published?: string;
  author: string;
  links: Readonly<Record<string, string>>;
  content: Readonly<Record<string, unknown>>;
  acl: Readonly<Record<string, unknown>>;
}

export interface FeedHead {
  title: string;
  id: string;
  updated: string;
  generator: { build: string; version: string };
  paging: { total: number; perPage: number; offset: number };
}

const NAMESPACES = 'xmlns="http://www.w3.org/2005/Atom" xmlns:s="http://dev.splunk.com/ns/rest" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"';

function scalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return escapeText(String(value));
}

/**
 * A value as splunkd's REST dictionary markup. `prefix` is `s:` inside Atom content and empty for the few
 * endpoints (search/parser) that answer with un-namespaced `<dict>`/`<key>`.
 */
export function restValue(value: unknown, indent = '', prefix = 's:'): string {
  // `indent` is the column of the enclosing element; the dict or list sits one step in, its keys two.
  const open = `${indent}  `;
  const inner = `${open}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return `<${prefix}list/>`;
    const items = value.map((v) => `${inner}<${prefix}item>${restValue(v, inner, prefix)}</${prefix}item>\n`);
    return `\n${open}<${prefix}list>\n${items.join('')}${open}</${prefix}list>\n${indent}`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return `<${prefix}dict/>`;
    const keys = entries.map(([k, v]) => `${inner}<${prefix}key name="${escapeAttr(k)}">${restValue(v, inner, prefix)}</${prefix}key>\n`);
    return `\n${open}<${prefix}dict>\n${keys.join('')}${open}</${prefix}dict>\n${indent}`;
  }
  return scalar(value);
}

function entryBody(entry: FeedEntry, indent: string): string {
  const i = indent;
  const links = Object.entries(entry.links).map(([rel, href]) => `${i}<link href="${escapeAttr(href)}" rel="${escapeAttr(rel)}"/>\n`);
  // splunkd nests the ACL in the content as eai:acl; splunklib hoists it into `access` and builds later paths from it.
  const content = { ...entry.content, 'eai:acl': entry.acl };
  return `${i}<title>${escapeText(entry.name)}</title>\n`
    + `${i}<id>${escapeText(entry.id)}</id>\n`
    + `${i}<updated>${escapeText(entry.updated)}</updated>\n`
    + (entry.published ? `${i}<published>${escapeText(entry.published)}</published>\n` : '')
    + links.join('')
    + `${i}<author>\n${i}  <name>${escapeText(entry.author)}</name>\n${i}</author>\n`
    + `${i}<content type="text/xml">${restValue(content, i)}</content>\n`;
}

/** One entity at the document root, as splunkd answers `GET search/jobs/<sid>`. */
export function atomEntry(entry: FeedEntry): string {
  return `${XML_DECLARATION}<entry ${NAMESPACES}>\n${entryBody(entry, '  ')}</entry>\n`;
}

/** A collection, as splunkd answers `GET search/jobs` and `GET server/info`. */
export function atomFeed(head: FeedHead, entries: readonly FeedEntry[]): string {
  const body = entries.map((e) => `  <entry>\n${entryBody(e, '    ')}  </entry>\n`).join('');
  return `${XML_DECLARATION}<feed ${NAMESPACES}>\n`
    + `  <title>${escapeText(head.title)}</title>\n`
    + `  <id>${escapeText(head.id)}</id>\n`
    + `  <updated>${escapeText(head.updated)}</updated>\n`
    + `  <generator build="${escapeAttr(head.generator.build)}" version="${escapeAttr(head.generator.version)}"/>\n`
    + '  <author>\n    <name>Splunk</name>\n  </author>\n'
    + `  <opensearch:totalResults>${head.paging.total}</opensearch:totalResults>\n`
    + `  <opensearch:itemsPerPage>${head.paging.perPage}</opensearch:itemsPerPage>\n`
    + `  <opensearch:startIndex>${head.paging.offset}</opensearch:startIndex>\n`
    + '  <s:messages/>\n'
    + body
    + '</feed>\n';
}
