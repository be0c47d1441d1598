/**
 * splunkd's XML results (`<results><result offset=…><field k=…><value><text>…`), the default output of
 * results, results_preview, events, oneshot and export. In pieces, so export can stream it row by row.
 * Absent cells are left out, as splunkd leaves them out; a multivalue cell is one `<value>` per value.
 */
import type { SplEvent } from './engine-port';
import { XML_DECLARATION, escapeAttr, escapeText } from './xml';

export function resultsOpen(preview: boolean): string {
  return `${XML_DECLARATION}<results preview="${preview ? 1 : 0}">\n`;
}

export const RESULTS_CLOSE = '</results>\n';

export function resultsMeta(fields: readonly string[]): string {
  if (fields.length === 0) return '<meta>\n<fieldOrder/>\n</meta>\n';
  return `<meta>\n<fieldOrder>\n${fields.map((f) => `<field>${escapeText(f)}</field>\n`).join('')}</fieldOrder>\n</meta>\n`;
}

export function resultsMessages(messages: readonly { type: string; text: string }[]): string {
  if (messages.length === 0) return '';
  return `<messages>\n${messages.map((m) => `  <msg type="${escapeAttr(m.type)}">${escapeText(m.text)}</msg>\n`).join('')}</messages>\n`;
}

export function resultXml(row: SplEvent, fields: readonly string[], offset: number): string {
  let out = `\t<result offset="${offset}">\n`;
  for (const f of fields) {
    const v = row[f];
    if (v === undefined || v === null) continue;
    const values = Array.isArray(v) ? v : [v];
    // splunkd marks the raw event as whitespace-significant and sends it without the <value><text> wrapper.
    const cells = f === '_raw'
      ? values.map((x) => `<v xml:space="preserve" trunc="0">${escapeText(x)}</v>`)
      : values.map((x) => `<value><text>${escapeText(x)}</text></value>`);
    out += `\t\t<field k="${escapeAttr(f)}">\n\t\t\t${cells.join('\n\t\t\t')}\n\t\t</field>\n`;
  }
  return `${out}\t</result>\n`;
}

/** A whole results document: `rows` is the page, `offset` the position of its first row in the job. */
export function resultsXml(
  fields: readonly string[], rows: readonly SplEvent[], offset: number, preview: boolean,
  messages: readonly { type: string; text: string }[],
): string {
  const parts = [resultsOpen(preview), resultsMeta(fields), resultsMessages(messages)];
  rows.forEach((r, i) => parts.push(resultXml(r, fields, offset + i)));
  parts.push(RESULTS_CLOSE);
  return parts.join('');
}
