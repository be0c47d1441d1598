import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { Cell } from '../../search/backend';
import { HashColumnBinding } from '../../results/hashColumnBinding';
import { GridSession, type GridAction } from '../../results/session';
import type { JobFacts } from '../../shared/protocol';
import { readSettings } from '../config';
import { DisposableStore } from '../disposable';
import type { Logger } from '../logger';
import type { SearchRun } from '../run/searchRun';
import { webviewHtml } from '../webviewHtml';
import { copySelection } from './copySelection';

export interface PanelHooks {
  /** A grid action the panel does not handle itself (export, re-run, selection for the hash panel). */
  onAction(panel: ResultsPanel, action: GridAction): void;
  onFocus(panel: ResultsPanel): void;
  /** The grid's view (sort, filter, columns) changed. */
  onViewChanged(panel: ResultsPanel): void;
  onDispose(panel: ResultsPanel): void;
}

/**
 * One results panel: a webview with the grid, bound to one run at a time. The host keeps the rows;
 * the grid asks for the window it draws. Closing the panel of a running search cancels it.
 */
export class ResultsPanel implements vscode.Disposable {
  static readonly viewType = 'splWorkbench.results';
  private readonly disposables = new DisposableStore();
  private runDisposables = new DisposableStore();
  private session: GridSession | undefined;
  private hashColumns: HashColumnBinding | undefined;
  private currentRun: SearchRun | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly key: string,
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
    private readonly hooks: PanelHooks,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.add(panel.onDidDispose(() => this.dispose()));
    this.disposables.add(panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)));
    this.disposables.add(
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.hooks.onFocus(this);
      }),
    );
  }

  get run(): SearchRun | undefined {
    return this.currentRun;
  }

  get grid(): GridSession | undefined {
    return this.session;
  }

  /** Shows a run in this panel; the previous run's session is dropped (its job keeps its own life). */
  bind(run: SearchRun): void {
    this.runDisposables.dispose();
    this.runDisposables = new DisposableStore();
    this.currentRun = run;
    const settings = readSettings();
    this.hashColumns = new HashColumnBinding(run.store, { enabled: settings.splitHashColumns, hashCase: settings.hashCase, ...this.verdictSetting() });
    const hashColumns = this.hashColumns;
    this.runDisposables.add({ dispose: () => hashColumns.dispose() });
    const session = new GridSession({
      store: run.store,
      post: (msg) => {
        void this.panel.webview.postMessage(msg);
        if (msg.type === 'viewChanged') this.hooks.onViewChanged(this);
      },
      job: jobFacts(run),
      settings: { hashColumns: settings.splitHashColumns },
      onAction: (action) => this.onAction(action),
      onRejected: () => this.log.warn('Dropped a message from the results grid that does not match the protocol.'),
    });
    this.session = session;
    this.runDisposables.add({ dispose: () => session.dispose() });
    this.runDisposables.add(run.onDidUpdate(() => session.setJob(jobFacts(run))));
    this.panel.title = panelTitle(run);
    // A fresh page per run: the grid starts clean and announces itself with `ready`.
    this.panel.webview.html = webviewHtml(this.panel.webview, this.extensionUri, 'grid', this.panel.title, createHash('sha256').update(run.query).digest('hex').slice(0, 16));
  }

  setHashColumns(enabled: boolean): void {
    const settings = readSettings();
    this.hashColumns?.update({ enabled, hashCase: settings.hashCase, ...this.verdictSetting() });
    this.session?.setSettings({ hashColumns: enabled });
  }

  /** The VT column's values, once there are VirusTotal answers to show. */
  verdictColumn: (() => ((cell: Cell) => Cell) | undefined) | undefined;

  private verdictSetting(): { verdict?: (cell: Cell) => Cell } {
    const verdict = this.verdictColumn?.();
    return verdict ? { verdict } : {};
  }

  /** New VirusTotal answers: the VT column is recomputed. */
  refreshVerdicts(): void {
    if (this.hashColumns) this.setHashColumns(readSettings().splitHashColumns);
  }

  private onMessage(m: unknown): void {
    this.session?.handle(m);
  }

  private onAction(action: GridAction): void {
    const run = this.currentRun;
    const session = this.session;
    if (!run || !session) return;
    switch (action.type) {
      case 'copy':
        // Every failure reaches the user: an unhandled rejection here would only ever reach a log.
        copySelection(session, action, this.log, () => this.hooks.onAction(this, { type: 'export', scope: 'selection', selection: action.selection })).catch((e: unknown) => {
          const reason = e instanceof Error ? e.message : String(e);
          this.log.error(`Copy failed: ${reason}`);
          void vscode.window.showErrorMessage(`Copy failed: ${reason}`);
        });
        break;
      case 'cancel':
        run.cancel();
        break;
      case 'openValue': {
        const v = session.cellValue(action.cell);
        if (v) {
          const text = v.value === null ? '' : typeof v.value === 'string' ? v.value : v.value.join('\n');
          void vscode.workspace.openTextDocument({ content: text, language: 'plaintext' }).then((d) => vscode.window.showTextDocument(d, { preview: true, viewColumn: vscode.ViewColumn.Active }));
        }
        break;
      }
      case 'toggleHashColumns':
        this.setHashColumns(action.show);
        break;
      default:
        this.hooks.onAction(this, action);
    }
  }

  private pinned = false;

  /** Pinned: its title says so, and it keeps this run's results (ResultsPanels opens new ones beside it). */
  markPinned(): void {
    this.pinned = true;
    if (this.currentRun) this.panel.title = `📌 ${panelTitle(this.currentRun)}`;
  }

  get isPinned(): boolean {
    return this.pinned;
  }

  reveal(): void {
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    if (this.disposables.isDisposed) return;
    // Nobody can see the results of a search whose panel is closed: stop it on the server.
    this.currentRun?.cancel();
    this.runDisposables.dispose();
    this.disposables.dispose();
    this.hooks.onDispose(this);
    this.panel.dispose();
  }
}

export function panelTitle(run: SearchRun): string {
  const q = run.query.replace(/^search\s+/i, '').replace(/\s+/g, ' ');
  return `SPL: ${q.length > 40 ? q.slice(0, 40) + '…' : q}`;
}

export function jobFacts(run: SearchRun): JobFacts {
  const s = run.status;
  const end = run.finishedAt ?? Date.now();
  const total = run.complete?.totalResults ?? s?.resultCount;
  const messages = [...run.messages];
  if (run.error) messages.unshift({ type: 'ERROR', text: run.error.detail ? `${run.error.message} ${run.error.detail}` : run.error.message });
  if (run.state === 'cancelled') messages.unshift({ type: 'WARN', text: 'The search was cancelled; the rows that arrived are shown.' });
  if (run.complete?.incomplete) messages.unshift({ type: 'WARN', text: 'The connection broke while results were downloading: the rows shown are incomplete.' });
  if (run.complete?.truncated) {
    messages.unshift({ type: 'INFO', text: `Showing the first ${run.store.rowCount.toLocaleString('en-US')} results. Raise the setting splWorkbench.maxResults, or narrow the search, to see more.` });
  }
  return {
    sid: run.sid ?? '',
    state: run.state === 'failed' ? 'FAILED' : run.state === 'cancelled' ? 'CANCELLED' : (s?.state ?? 'QUEUED'),
    progress: run.running ? (s?.doneProgress ?? 0) : 1,
    running: run.running,
    resultCount: run.store.rowCount,
    ...(total !== undefined ? { totalResults: Math.max(total, run.store.rowCount) } : {}),
    truncated: run.complete?.truncated ?? false,
    runDuration: (end - run.startedAt) / 1000,
    messages: messages.slice(0, 50),
  };
}
