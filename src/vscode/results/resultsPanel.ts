import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { Cell } from '../../shared/cell';
import { HashColumnBinding } from '../../results/hashColumnBinding';
import { GridSession, type GridActionHandlers } from '../../results/session';
import type { JobFacts, Selection } from '../../shared/protocol';
import { DisposableStore } from '../disposable';
import type { Logger } from '../logger';
import type { SettingsState } from '../settingsState';
import type { SearchRun } from '../run/searchRun';
import { webviewHtml } from '../webviewHtml';
import { copySelection } from './copySelection';
import { exportResults } from './exportFlow';
import { FieldsSidebarBinding } from './fieldsSidebarBinding';
import { TimelineBinding } from './timelineBinding';
import { COMMANDS } from '../commandIds';

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
  private readonly didSelect = this.disposables.add(new vscode.EventEmitter<Selection>());
  private readonly didChangeView = this.disposables.add(new vscode.EventEmitter<void>());
  private readonly didFocus = this.disposables.add(new vscode.EventEmitter<void>());
  private readonly didDispose = new vscode.EventEmitter<void>();
  /** The user selected cells in the grid. */
  readonly onDidSelect = this.didSelect.event;
  /** The grid's view (sort, filter, columns) changed. */
  readonly onDidChangeView = this.didChangeView.event;
  /** The panel became the active one. */
  readonly onDidFocus = this.didFocus.event;
  readonly onDidDispose = this.didDispose.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly key: string,
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
    private readonly settings: SettingsState,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
    this.disposables.add(panel.onDidDispose(() => this.dispose()));
    this.disposables.add(panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)));
    this.disposables.add(
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.didFocus.fire();
      }),
    );
    this.disposables.add(settings.onDidChange((c) => {
      if (c.changed('splitHashColumns') || c.changed('hashCase')) this.applyHashColumns();
    }));
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
    const settings = this.settings.current;
    const sidebar = new FieldsSidebarBinding(run, (msg) => void this.panel.webview.postMessage(msg));
    this.runDisposables.add(sidebar);
    const timeline = this.runDisposables.add(new TimelineBinding(run, (msg) => void this.panel.webview.postMessage(msg), this.log));
    const session: GridSession = new GridSession({
      store: run.store,
      post: (msg) => {
        void this.panel.webview.postMessage(msg);
        if (msg.type === 'viewChanged') this.didChangeView.fire();
      },
      job: jobFacts(run),
      settings: { hashColumns: settings.splitHashColumns },
      actions: this.actions(run, () => session, sidebar, timeline),
      onRejected: () => this.log.warn('Dropped a message from the results grid that does not match the protocol.'),
    });
    this.session = session;
    this.runDisposables.add({ dispose: () => session.dispose() });
    const hashColumns = new HashColumnBinding(run.store, session.hashFields, { enabled: settings.splitHashColumns, hashCase: settings.hashCase, ...this.verdictSetting() });
    this.hashColumns = hashColumns;
    this.runDisposables.add({ dispose: () => hashColumns.dispose() });
    this.runDisposables.add(run.onDidUpdate(() => session.setJob(jobFacts(run))));
    this.panel.title = panelTitle(run);
    // A fresh page per run: the grid starts clean and announces itself with `ready`.
    this.panel.webview.html = webviewHtml(this.panel.webview, this.extensionUri, 'grid', this.panel.title, createHash('sha256').update(run.query).digest('hex').slice(0, 16));
  }

  /** Re-derives the hash (and VT) columns from the settings as they are now. */
  private applyHashColumns(): void {
    const { splitHashColumns, hashCase } = this.settings.current;
    this.hashColumns?.update({ enabled: splitHashColumns, hashCase, ...this.verdictSetting() });
    this.session?.setSettings({ hashColumns: splitHashColumns });
  }

  /** The VT column's values, once there are VirusTotal answers to show. */
  verdictColumn: (() => ((cell: Cell) => Cell) | undefined) | undefined;

  private verdictSetting(): { verdict?: (cell: Cell) => Cell } {
    const verdict = this.verdictColumn?.();
    return verdict ? { verdict } : {};
  }

  /** New VirusTotal answers: the VT column is recomputed. */
  refreshVerdicts(): void {
    this.applyHashColumns();
  }

  private onMessage(m: unknown): void {
    this.session?.handle(m);
  }

  /**
   * What the grid asks of VS Code: the clipboard, a file, the job, an editor. `session` is the grid
   * session these handlers are given to; it exists before the first message can arrive.
   */
  private actions(run: SearchRun, session: () => GridSession, sidebar: FieldsSidebarBinding, timeline: TimelineBinding): GridActionHandlers {
    return {
      requestTimeline: () => timeline.requestTimeline(),
      timelineHidden: () => timeline.timelineHidden(),
      useTimeRange: (m) => timeline.useTimeRange(m),
      requestFields: () => sidebar.requestFields(),
      fieldsClosed: () => sidebar.fieldsClosed(),
      fieldValueToQuery: (m) => sidebar.fieldValueToQuery(m),
      copy: (m) => {
        const grid = session();
        // Every failure reaches the user: an unhandled rejection here would only ever reach a log.
        copySelection(grid, m, this.log, this.settings.current, () => void exportResults(grid, run, this.log, this.settings.current, { scope: 'selection', selection: m.selection })).catch((e: unknown) => {
          const reason = e instanceof Error ? e.message : String(e);
          this.log.error(`Copy failed: ${reason}`);
          void vscode.window.showErrorMessage(`Copy failed: ${reason}`);
        });
      },
      export: (m) => void exportResults(session(), run, this.log, this.settings.current, { scope: m.scope, ...(m.selection ? { selection: m.selection } : {}) }),
      openValue: (m) => {
        const v = session().cellValue(m.cell);
        if (!v) return;
        const text = v.value === null ? '' : typeof v.value === 'string' ? v.value : v.value.join('\n');
        void vscode.workspace.openTextDocument({ content: text, language: 'plaintext' }).then((d) => vscode.window.showTextDocument(d, { preview: true, viewColumn: vscode.ViewColumn.Active }));
      },
      rerun: () => void vscode.commands.executeCommand(COMMANDS.runQuery, { query: run.query, ...(run.documentUri ? { uri: run.documentUri.toString() } : {}) }),
      cancel: () => run.cancel(),
      // The grid's checkbox is the setting: every panel follows it, and it outlives this panel.
      toggleHashColumns: (m) => {
        this.settings.update('hashes.splitColumns', m.show).catch((e: unknown) => this.log.error(`Could not save the hash columns setting: ${e instanceof Error ? e.message : String(e)}`));
      },
      select: (m) => this.didSelect.fire(m.selection),
      lookUpHashes: (m) => {
        // The Hashes panel takes its rows from the selection, so it hears of it before the lookup asks.
        this.didSelect.fire(m.selection);
        void vscode.commands.executeCommand(COMMANDS.lookUpHashesInVirusTotal, { scope: 'selected' });
      },
    };
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
    this.didDispose.fire();
    this.didDispose.dispose();
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
