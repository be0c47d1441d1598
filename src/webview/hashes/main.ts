/**
 * The Hashes side panel: the selected rows' hashes (copy, VirusTotal) and the result set's unique hashes
 * (counts, images, copy all, export, IMPHASH pivot). It renders only what the host sends and asks the host to act
 * by id; it never builds URLs or writes the clipboard itself.
 */
import {
  isHostToHashPanel, PANEL_ALGORITHMS,
  type HashPanelToHost, type PanelAlgorithm, type PanelHashCase, type PanelRowHash, type PanelSortKey,
  type SelectionMessage, type SummaryMessage, type PanelUniqueHash, type PanelVerdict,
} from '../../shared/hashProtocol';
import { button, el, visibleText } from './dom';

interface VsCodeApi {
  postMessage(message: HashPanelToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

// Kept in this module's scope, never on window (Microsoft's webview guidance).
const vscode = acquireVsCodeApi();
const post = (m: HashPanelToHost): void => vscode.postMessage(m);

let hashCase: PanelHashCase = 'upper';
let selection: SelectionMessage | undefined;
let summary: SummaryMessage | undefined;

function shownHash(value: string, valid: boolean): string {
  if (!valid) return visibleText(value);
  return hashCase === 'upper' ? value.toUpperCase() : value.toLowerCase();
}

function section(id: string, title: string): { root: HTMLElement; header: HTMLElement; body: HTMLElement } {
  const root = el('section', 'panel-section');
  root.id = id;
  const header = el('header', 'section-header');
  header.append(el('h2', 'section-title', title));
  const body = el('div', 'section-body');
  root.append(header, body);
  return { root, header, body };
}

/** VirusTotal's answer: `malicious/total`, the label, the name and the date, as text only (VT text is uploader-chosen). */
function renderVerdict(v: PanelVerdict | undefined): HTMLElement {
  const wrap = el('span', 'vt-verdict');
  if (!v) return wrap;
  wrap.classList.add(`vt-${v.kind}`);
  if (v.flagged) wrap.classList.add('vt-flagged');
  wrap.append(el('span', 'vt-ratio', visibleText(v.text, 40)));
  if (v.label) wrap.append(el('span', 'vt-label', visibleText(v.label, 80)));
  if (v.name) wrap.append(el('span', 'vt-name', visibleText(v.name, 80)));
  if (v.date) wrap.append(el('span', 'vt-date', v.date));
  wrap.title = v.kind === 'found' ? 'Engines that call it malicious / engines that gave a verdict (malicious, suspicious, undetected, harmless; not type-unsupported, timeout or failure)' : '';
  return wrap;
}

function renderRowHash(h: PanelRowHash): HTMLElement {
  const li = el('li', 'hash-item');
  li.dataset.id = String(h.id);
  li.dataset.algorithm = h.algorithm;
  if (!h.valid) li.classList.add('invalid');
  if (h.zeroImphash) li.classList.add('zero');
  const top = el('div', 'hash-line');
  top.append(el('span', 'algo', h.algorithm), el('code', 'value', shownHash(h.value, h.valid)));
  const actions = el('span', 'actions');
  if (h.valid) {
    actions.append(button('Copy', `Copy this ${h.algorithm}`, () => post({ type: 'copy', target: { kind: 'selectedHash', id: h.id } }), 'btn copy'));
    if (!h.zeroImphash) {
      actions.append(button('VirusTotal', 'Look this hash up on VirusTotal', () => post({ type: 'openVirusTotal', source: 'selection', algorithm: h.algorithm, id: h.id }), 'btn vt'));
    }
  }
  top.append(actions);
  li.append(top);
  const meta = el('div', 'hash-meta');
  if (h.image !== null) {
    const image = el('span', 'image', visibleText(h.image));
    image.title = visibleText(h.image, 2000);
    meta.append(image);
  }
  if (!h.valid) meta.append(el('span', 'flag', `not a valid ${h.algorithm} (wrong length or not hex)`));
  if (h.zeroImphash) meta.append(el('span', 'flag', 'all-zero IMPHASH: not a PE file'));
  meta.append(el('span', 'field', `${visibleText(h.field, 60)} · row ${h.row + 1}`));
  li.append(meta);
  if (h.vt) li.append(renderVerdict(h.vt));
  return li;
}

function renderSelection(): HTMLElement {
  const { root, header, body } = section('selection', 'Selected rows');
  if (!selection || selection.hashes.length === 0) {
    body.append(el('p', 'empty', selection ? 'The selected rows carry no hashes.' : 'Select rows in the results to see their hashes.'));
    return root;
  }
  const valid = selection.hashes.some((h) => h.valid);
  header.append(el('span', 'count', `${selection.selectedRows.toLocaleString('en-US')} row(s)`));
  if (valid) {
    header.append(
      button('Copy all', 'Copy every valid hash of the selection, one per line', () => post({ type: 'copy', target: { kind: 'allSelected' } }), 'btn copy-all'),
      button('Look up in VirusTotal', "Look up the selected rows' hashes in VirusTotal (SHA256, else SHA1 or MD5)", () => post({ type: 'lookUpVirusTotal', scope: 'selected', refresh: false }), 'btn vt-lookup-selected'),
    );
  }
  const list = el('ul', 'hash-list');
  for (const h of selection.hashes) list.append(renderRowHash(h));
  body.append(list);
  if (selection.truncated) body.append(el('p', 'note', `Showing the first ${selection.hashes.length.toLocaleString('en-US')} hashes.`));
  return root;
}

function renderUnique(algorithm: PanelAlgorithm, u: PanelUniqueHash): HTMLElement {
  const tr = el('tr', 'unique-row');
  tr.dataset.id = String(u.id);
  if (u.zeroImphash) tr.classList.add('zero');
  const imgs = el('td', 'images');
  if (u.images.length > 0) {
    const first = el('span', 'image', visibleText(u.images[0]!));
    first.title = u.images.map((i) => visibleText(i, 500)).join('\n');
    imgs.append(first);
    if (u.imageCount > 1) imgs.append(el('span', 'more', ` +${(u.imageCount - 1).toLocaleString('en-US')} more`));
  }
  const actions = el('td', 'actions');
  actions.append(button('Copy', `Copy this ${algorithm}`, () => post({ type: 'copy', target: { kind: 'uniqueHash', algorithm, id: u.id } }), 'btn copy'));
  if (!u.zeroImphash) actions.append(button('VT', 'Look this hash up on VirusTotal', () => post({ type: 'openVirusTotal', source: 'summary', algorithm, id: u.id }), 'btn vt'));
  const vt = el('td', 'vt');
  vt.append(renderVerdict(u.vt));
  if (u.vt?.flagged) tr.classList.add('flagged');
  tr.append(el('td', 'value', shownHash(u.value, true)), el('td', 'num', u.count.toLocaleString('en-US')), vt, imgs, actions);
  return tr;
}

function sortControl(s: SummaryMessage): HTMLElement {
  const wrap = el('label', 'sort');
  wrap.append(el('span', undefined, 'Sort '));
  const select = el('select', 'sort-select');
  const options: [PanelSortKey, 'asc' | 'desc', string][] = [
    ['count', 'desc', 'most events'], ['count', 'asc', 'fewest events'],
    ['images', 'desc', 'most images'], ['value', 'asc', 'hash A→Z'], ['verdict', 'desc', 'VirusTotal: flagged first'],
  ];
  for (const [key, direction, label] of options) {
    const o = el('option', undefined, label);
    o.value = `${key}:${direction}`;
    o.selected = s.sort.key === key && s.sort.direction === direction;
    select.append(o);
  }
  select.addEventListener('change', () => {
    const [key, direction] = select.value.split(':') as [PanelSortKey, 'asc' | 'desc'];
    post({ type: 'sortBy', key, direction });
  });
  wrap.append(select);
  return wrap;
}

function renderSummary(): HTMLElement {
  const { root, header, body } = section('summary', 'All results');
  if (!summary) {
    body.append(el('p', 'empty', 'No results yet.'));
    return root;
  }
  const s = summary;
  header.append(
    el('span', 'count', `${s.scope === 'filtered' ? 'filtered view, ' : ''}${s.rows.toLocaleString('en-US')} row(s)`),
    sortControl(s),
    button('Look up in VirusTotal', 'Look up every unique file hash in VirusTotal (SHA256, else SHA1 or MD5); cached answers cost no quota', () => post({ type: 'lookUpVirusTotal', scope: 'all', refresh: false }), 'btn vt-lookup-all'),
    button('Refresh', 'Ask VirusTotal again for every unique file hash, bypassing the cache', () => post({ type: 'lookUpVirusTotal', scope: 'all', refresh: true }), 'btn vt-refresh'),
  );
  if (s.invalidCount > 0) body.append(el('p', 'note', `${s.invalidCount.toLocaleString('en-US')} malformed hash value(s) ignored.`));
  for (const algorithm of PANEL_ALGORITHMS) {
    const a = s.algorithms.find((x) => x.algorithm === algorithm);
    if (!a || a.uniqueCount === 0) continue;
    const block = el('details', 'algo-block');
    block.open = algorithm === 'SHA256';
    block.dataset.algorithm = algorithm;
    const sum = el('summary', 'algo-summary');
    sum.append(el('span', 'algo', algorithm), el('span', 'count', `${a.uniqueCount.toLocaleString('en-US')} unique`));
    block.append(sum);
    const tools = el('div', 'algo-tools');
    tools.append(
      button(`Copy all unique ${algorithm}`, `Copy every unique ${algorithm}, one per line`, () => post({ type: 'copy', target: { kind: 'allUnique', algorithm } }), 'btn copy-all-unique'),
      button('Export…', `Save every unique ${algorithm} to a file`, () => post({ type: 'exportUnique', algorithm }), 'btn export'),
    );
    block.append(tools);
    const table = el('table', 'unique-table');
    const head = el('tr');
    for (const h of [algorithm, 'Events', algorithm === 'IMPHASH' ? '' : 'VirusTotal', 'Images', '']) head.append(el('th', undefined, h));
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(head);
    for (const u of a.hashes) table.tBodies[0]!.append(renderUnique(algorithm, u));
    block.append(table);
    if (a.hashes.length < a.uniqueCount) block.append(el('p', 'note', `Showing ${a.hashes.length.toLocaleString('en-US')} of ${a.uniqueCount.toLocaleString('en-US')}; copy and export include all.`));
    body.append(block);
  }
  if (s.imphashPivot.length > 0) {
    const pivot = el('details', 'pivot');
    pivot.open = true;
    pivot.append(el('summary', 'algo-summary', `IMPHASH shared by different binaries (${s.imphashPivot.length})`));
    const list = el('ul', 'pivot-list');
    for (const g of s.imphashPivot) {
      const li = el('li', 'pivot-group');
      li.append(el('code', 'value', shownHash(g.imphash, true)), el('span', 'count', ` ${g.binaries.length} binaries, ${g.count} events`));
      const imgs = el('ul', 'pivot-images');
      for (const i of g.images) imgs.append(el('li', 'image', visibleText(i)));
      li.append(imgs);
      list.append(li);
    }
    pivot.append(list);
    body.append(pivot);
  }
  return root;
}

function render(): void {
  const app = document.getElementById('app') ?? document.body.appendChild(el('div'));
  app.id = 'app';
  app.replaceChildren(renderSelection(), renderSummary());
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data;
  if (!isHostToHashPanel(m)) return;
  switch (m.type) {
    case 'selection': selection = m; break;
    case 'summary': summary = m; break;
    case 'settings': hashCase = m.hashCase; break;
    case 'clear': selection = undefined; summary = undefined; break;
  }
  render();
});

render();
post({ type: 'ready' });
