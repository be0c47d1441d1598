/**
 * XML 1.0 escaping for the server's XML replies. Everything written through here may be attacker-controlled
 * (a Sysmon command line, a field name made with `rename`, the search text itself), so no string reaches an
 * XML body any other way.
 *
 * Characters XML 1.0 cannot carry at all, not even as a character reference (C0 controls other than tab, LF
 * and CR; U+FFFE and U+FFFF; a surrogate without its pair), are REPLACED by U+FFFD rather than dropped: the
 * reader then sees that something was there, and the text keeps its length and positions.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const XML_TYPE = 'text/xml; charset=UTF-8';
export const REPLACEMENT_CHARACTER = '\uFFFD';

const FORBIDDEN_SOURCE = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const FORBIDDEN = new RegExp(FORBIDDEN_SOURCE, 'g');
// A cheap pre-check: most values need no escaping at all, and this runs for every cell of 50,000 rows.
// eslint-disable-next-line no-control-regex -- finding control characters is the point here
const NEEDS_WORK = /[&<>"'\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// `>` is escaped too, so `]]>` can never appear; CR is kept as a reference because parsers turn a literal CR into LF.
const TEXT_SPECIAL = new RegExp(`[&<>\\r]|${FORBIDDEN_SOURCE}`, 'g');
// Parsers also turn a literal tab or LF inside an attribute into a space, so those become references there.
const ATTR_SPECIAL = new RegExp(`[&<>"'\\t\\n\\r]|${FORBIDDEN_SOURCE}`, 'g');

const ENTITY: Readonly<Record<string, string>> = {
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;',
};
const entity = (c: string) => ENTITY[c] ?? REPLACEMENT_CHARACTER;

/** The text as an XML parser will hand it back from this server: forbidden characters become U+FFFD. */
export function xmlSafe(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(FORBIDDEN, REPLACEMENT_CHARACTER) : text;
}

/** Character data for element content. */
export function escapeText(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(TEXT_SPECIAL, entity) : text;
}

/** A value for an attribute in either kind of quotes. */
export function escapeAttr(text: string): string {
  return NEEDS_WORK.test(text) ? text.replace(ATTR_SPECIAL, entity) : text;
}

/** `<response><messages><msg type=…>` — splunkd's XML form of every error and notice. */
export function messagesXml(messages: readonly { type: string; text: string; code?: string }[]): string {
  const items = messages.map((m) => `    <msg type="${escapeAttr(m.type)}"${m.code ? ` code="${escapeAttr(m.code)}"` : ''}>${escapeText(m.text)}</msg>\n`);
  return `${XML_DECLARATION}<response>\n  <messages>\n${items.join('')}  </messages>\n</response>\n`;
}

/**
 * `<response><name>value</name>…</response>`, as for login (`sessionKey`) and job creation (`sid`). The names
 * are the server's own constants, so only the values are escaped.
 */
export function responseXml(values: Readonly<Record<string, string>>): string {
  const items = Object.entries(values).map(([k, v]) => `  <${k}>${escapeText(v)}</${k}>\n`);
  return `${XML_DECLARATION}<response>\n${items.join('')}</response>\n`;
}
