import { randomBytes } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { type HashAlgorithm } from '../../results/hashes';
import { HashPanelModel, selectedRowHashes, summariseHashes, type VerdictLookup } from '../../results/hashSummary';
import { neutraliseFormula } from '../../results/neutralise';
import { fileIdsOfRows, type Targets } from '../../virustotal';
import type { ResultView } from '../../results/view';
import { type HostToHashPanel, isHashPanelToHost } from '../../shared/hashProtocol';
import type { Selection } from '../../shared/protocol';
import { DisposableStore } from '../disposable';
import type { Logger } from '../logger';
import type { SettingsState } from '../settingsState';
import type { ResultsPanel } from '../results/resultsPanel';
import type { SearchRun } from '../run/searchRun';
import type { ResultsPanels } from '../results/resultsPanels';
import { webviewHtml, webviewOptions } from '../webviewHtml';
import { defaultExportName } from '../results/exportFlow';
import { COMMANDS } from '../commandIds';

/**
 * The Hashes side panel: the selected rows' hashes, and the unique hashes of the focused results
 * (filtered view) with counts, images and the IMPHASH pivot. The panel names hashes by id; every
 * copied text and every URL is built here from the host's own data.
 */
export class HashViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = 'splWorkbench.hashes';
  private readonly disposables = new DisposableStore();
  private panelDisposables = new DisposableStore();
  private view: vscode.WebviewView | undefined;
  private readonly model = new HashPanelModel();
  private source: ResultsPanel | undefined;
  private sourceRun: SearchRun | undefined;
  private summaryTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSelection: HostToHashPanel | undefined;
  private lastSummary: HostToHashPanel | undefined;
  private summaryReady: Promise<void> = Promise.resolve();
  private selectedRows: number[] = [];
  private verdictTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Logger, panels: ResultsPanels, private readonly settings: SettingsState) {
    // The summary and the selection spell hashes in the configured case: both are rebuilt when it changes.
    this.disposables.add(settings.onDidChange((c) => {
      if (!c.changed('hashCase')) return;
      this.post({ type: 'settings', hashCase: c.current.hashCase });
      if (this.source?.run && !this.source.run.running) this.scheduleSummary();
    }));
    this.disposables.add(panels.onDidChangeActivePanel((p) => this.onPanelChanged(p)));
    this.disposables.add(panels.onDidChangeView((p) => this.onViewChanged(p)));
    this.disposables.add(panels.onDidSelect(({ panel, selection }) => this.onSelection(panel, selection)));
  }

  /** Where verdicts come from; `changed` fires when there are new ones to show. */
  setVerdicts(verdictOf: VerdictLookup, changed: vscode.Event<void>): void {
    this.model.setVerdictLookup(verdictOf);
    this.disposables.add(changed(() => this.scheduleVerdicts()));
  }

  /** Verdicts arrive one by one (or 500 at once from the cache): redraw at most every 200 ms. */
  private scheduleVerdicts(): void {
    if (this.verdictTimer) return;
    this.verdictTimer = setTimeout(() => {
      this.verdictTimer = undefined;
      this.refreshVerdicts();
    }, 200);
  }

  /** Re-sends the summary and selection with the verdicts as they are now. */
  refreshVerdicts(): void {
    const summary = this.model.summaryMessage();
    if (summary) { this.lastSummary = summary; this.post(summary); }
    if (this.lastSelection) { this.lastSelection = this.model.selectionMessage(); this.post(this.lastSelection); }
  }

  /** After a lookup: flagged files first. */
  sortByVerdict(): void {
    const msg = this.model.setSort('verdict', 'desc');
    if (msg) { this.lastSummary = msg; this.post(msg); }
  }

  /** The file ids to look up: of every row of the focused results (filtered view), or of the selected rows. */
  async lookupTargets(scope: 'all' | 'selected'): Promise<Targets | undefined> {
    const panel = this.source;
    if (!panel?.run) return undefined;
    if (scope === 'all') await panel.run.finished;
    const view = this.fullView(panel);
    if (!view) return undefined;
    return fileIdsOfRows(view, this.hashFieldsOf(panel), scope === 'selected' ? this.selectedRows : undefined);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'hashes', 'Hashes');
    this.disposables.add(view.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m)));
    this.disposables.add(view.onDidDispose(() => (this.view = undefined)));
  }

  private post(msg: HostToHashPanel): void {
    void this.view?.webview.postMessage(msg);
  }

  /** Rows in the order of the grid's view, with every column, so image fields are found even when hidden. */
  private fullView(panel: ResultsPanel): ResultView | undefined {
    return panel.grid?.viewFor({ rows: 'view', columns: 'all' });
  }

  private hashFieldsOf(panel: ResultsPanel): readonly string[] {
    return panel.grid?.hashFields.fields ?? [];
  }

  private onPanelChanged(panel: ResultsPanel | undefined): void {
    // A panel shows one run at a time; a new run in the same panel is a new source too.
    if (panel && panel === this.source && panel.run === this.sourceRun) return;
    this.panelDisposables.dispose();
    this.panelDisposables = new DisposableStore();
    this.source = panel;
    this.sourceRun = panel?.run;
    this.lastSelection = this.lastSummary = undefined;
    this.model.setSelection([], 0);
    this.selectedRows = [];
    this.post({ type: 'clear' });
    if (!panel?.run) return;
    const run = panel.run;
    // The summary reads every row: build it once the rows are all there, not on every page.
    this.panelDisposables.add(run.onDidUpdate(() => {
      if (!run.running) this.scheduleSummary();
    }));
    if (!run.running) this.scheduleSummary();
  }

  /** The grid's sort or filter changed: the summary follows the filtered view. */
  private onViewChanged(panel: ResultsPanel): void {
    if (panel === this.source && panel.run && !panel.run.running) this.scheduleSummary();
  }

  private onSelection(panel: ResultsPanel, selection: Selection): void {
    if (panel !== this.source) this.onPanelChanged(panel);
    const view = this.fullView(panel);
    if (!view || !panel.grid || selection.viewId !== panel.grid.viewId) return;
    const rows = new Set<number>();
    for (const r of selection.ranges) {
      for (let i = r.rowStart; i <= Math.min(r.rowEnd, view.rowCount - 1) && rows.size < 10_000; i++) rows.add(i);
    }
    const sorted = [...rows].sort((a, b) => a - b);
    this.selectedRows = sorted;
    const hashes = selectedRowHashes(view, sorted, { case: this.settings.current.hashCase, hashFields: this.hashFieldsOf(panel) });
    this.lastSelection = this.model.setSelection(hashes, sorted.length);
    this.post(this.lastSelection);
  }

  /** Unique hashes of the whole (filtered) result set; recomputed at most every half second. */
  private scheduleSummary(): void {
    if (this.summaryTimer) return;
    let done!: () => void;
    this.summaryReady = new Promise((r) => (done = r));
    this.summaryTimer = setTimeout(() => {
      this.summaryTimer = undefined;
      try {
        this.computeSummary();
      } finally {
        done();
      }
    }, 500);
  }

  private computeSummary(): void {
    const panel = this.source;
    if (!panel) return;
    const view = this.fullView(panel);
    if (!view) return;
    const t0 = Date.now();
    const filtered = view.matchCount < view.totalCount;
    const summary = summariseHashes(view, { case: this.settings.current.hashCase, hashFields: this.hashFieldsOf(panel) });
    this.lastSummary = this.model.setSummary(summary, filtered ? 'filtered' : 'all');
    this.post({ type: 'settings', hashCase: this.settings.current.hashCase });
    this.post(this.lastSummary);
    this.log.debug(`Hash summary over ${view.rowCount} rows in ${Date.now() - t0} ms`);
  }

  /** Waits for a pending summary (tests and commands that act on it). */
  async settled(): Promise<void> {
    await this.summaryReady;
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isHashPanelToHost(m)) {
      this.log.warn('Dropped a message from the Hashes panel that does not match the protocol.');
      return;
    }
    switch (m.type) {
      case 'ready':
        this.post({ type: 'settings', hashCase: this.settings.current.hashCase });
        if (this.lastSummary) this.post(this.lastSummary);
        if (this.lastSelection) this.post(this.lastSelection);
        break;
      case 'copy': {
        const text = this.model.copyText(m.target);
        if (text) {
          await vscode.env.clipboard.writeText(text);
          const n = text.split('\n').length;
          void vscode.window.setStatusBarMessage(`$(clippy) Copied ${n} hash${n === 1 ? '' : 'es'}`, 3000);
        }
        break;
      }
      case 'openVirusTotal': {
        const url = this.model.virusTotalUrlFor(m.source, m.algorithm, m.id);
        // openExternal goes through VS Code's link confirmation (unless the user trusted the domain).
        if (url) await vscode.env.openExternal(vscode.Uri.parse(url));
        break;
      }
      case 'exportUnique':
        await this.exportUnique(m.algorithm);
        break;
      case 'lookUpVirusTotal':
        // A fixed command with arguments the guard checked; the host picks the hashes itself.
        await vscode.commands.executeCommand(COMMANDS.lookUpHashesInVirusTotal, { scope: m.scope, refresh: m.refresh });
        break;
      case 'sortBy': {
        const msg = this.model.setSort(m.key, m.direction);
        if (msg) {
          this.lastSummary = msg;
          this.post(msg);
        }
        break;
      }
    }
  }

  /** The newline-separated unique list of an algorithm, or undefined when there is no result set. */
  async uniqueList(algorithm: HashAlgorithm): Promise<string | undefined> {
    if (!this.source?.run) return undefined;
    await this.source.run.finished;
    await this.settled();
    if (!this.lastSummary) this.computeSummary();
    const list = this.model.uniqueList(algorithm);
    return list;
  }

  async copyUnique(algorithm: HashAlgorithm): Promise<string | undefined> {
    const list = await this.uniqueList(algorithm);
    if (list === undefined) {
      void vscode.window.showInformationMessage('Run a search first: there are no results to take hashes from.');
      return undefined;
    }
    if (list === '') {
      void vscode.window.showInformationMessage(`The results hold no valid ${algorithm} hashes.`);
      return '';
    }
    await vscode.env.clipboard.writeText(list);
    const n = list.split('\n').length;
    void vscode.window.setStatusBarMessage(`$(clippy) Copied ${n} unique ${algorithm} hash${n === 1 ? '' : 'es'}`, 3000);
    return list;
  }

  async copySelected(): Promise<string | undefined> {
    const text = this.model.copyText({ kind: 'allSelected' });
    if (!text) {
      void vscode.window.showInformationMessage('Select rows with hashes in the results grid first.');
      return undefined;
    }
    await vscode.env.clipboard.writeText(text);
    return text;
  }

  async exportUnique(algorithm: HashAlgorithm, target?: string): Promise<string | undefined> {
    const plain = await this.uniqueList(algorithm);
    const list = plain ? this.model.exportText(algorithm, this.settings.current.neutraliseFormulas ? neutraliseFormula : (t) => t) : plain;
    if (!list) {
      void vscode.window.showInformationMessage(`There are no ${algorithm} hashes to export.`);
      return undefined;
    }
    let file = target;
    if (!file) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const name = defaultExportName(`unique ${algorithm}`, 'txt');
      const uri = await vscode.window.showSaveDialog({ title: `Export unique ${algorithm}`, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}), filters: { Text: ['txt'] } });
      if (!uri || uri.scheme !== 'file') return undefined;
      file = uri.fsPath;
    }
    // Through a temporary file and a rename, so a full disk never leaves half a list under the name.
    const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, list + '\n', { encoding: 'utf8', flag: 'wx' });
      await rename(temp, file);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      void vscode.window.showErrorMessage(`Could not write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Nothing was saved.`);
      return undefined;
    }
    if (!target) void vscode.window.showInformationMessage(`Exported ${plain!.split('\n').length} unique ${algorithm} hashes.`);
    return file;
  }

  dispose(): void {
    if (this.summaryTimer) clearTimeout(this.summaryTimer);
    if (this.verdictTimer) clearTimeout(this.verdictTimer);
    this.panelDisposables.dispose();
    this.disposables.dispose();
  }
}
