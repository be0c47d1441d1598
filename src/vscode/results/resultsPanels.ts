import * as vscode from 'vscode';
import type { GridAction } from '../../results/session';
import type { Cell } from '../../search/backend';
import { readSettings } from '../config';
import { DisposableStore } from '../disposable';
import type { Logger } from '../logger';
import type { RunManager } from '../run/runManager';
import type { SearchRun } from '../run/searchRun';
import { webviewOptions } from '../webviewHtml';
import { exportResults } from './exportFlow';
import { ResultsPanel } from './resultsPanel';

export interface SelectionListener {
  onSelection(panel: ResultsPanel, action: Extract<GridAction, { type: 'select' }>): void;
  onPanelChanged(panel: ResultsPanel | undefined): void;
  onViewChanged(panel: ResultsPanel): void;
}

/** The results panels: one per document (or per run), opened beside the editor. */
export class ResultsPanels implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly panels = new Map<string, ResultsPanel>();
  private activePanel: ResultsPanel | undefined;
  private listener: SelectionListener | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runs: RunManager,
    private readonly log: Logger,
  ) {}

  setSelectionListener(listener: SelectionListener): void {
    this.listener = listener;
  }

  private verdictColumn: (() => ((cell: Cell) => Cell) | undefined) | undefined;
  private verdictTimer: ReturnType<typeof setTimeout> | undefined;

  /** The grid's VT column: its values, and when to recompute them (at most every half second). */
  setVerdicts(column: () => ((cell: Cell) => Cell) | undefined, changed: vscode.Event<void>): void {
    this.verdictColumn = column;
    for (const p of this.panels.values()) p.verdictColumn = column;
    this.disposables.add(changed(() => {
      this.verdictTimer ??= setTimeout(() => {
        this.verdictTimer = undefined;
        for (const p of this.panels.values()) p.refreshVerdicts();
      }, 500);
    }));
    this.disposables.add({ dispose: () => clearTimeout(this.verdictTimer) });
  }

  /** The panel the user looked at last. */
  get active(): ResultsPanel | undefined {
    return this.activePanel;
  }

  get all(): ResultsPanel[] {
    return [...this.panels.values()];
  }

  /**
   * Keeps a panel's results: the next run of its document opens a new panel instead of replacing them.
   * Returns false when the panel was already pinned.
   */
  pin(panel: ResultsPanel): boolean {
    const key = [...this.panels].find(([, p]) => p === panel)?.[0];
    if (key === undefined || key.startsWith('pinned:')) return false;
    this.panels.delete(key);
    this.panels.set(`pinned:${++this.pinCount}`, panel);
    panel.markPinned();
    return true;
  }

  isPinned(panel: ResultsPanel): boolean {
    return [...this.panels].some(([k, p]) => p === panel && k.startsWith('pinned:'));
  }

  private pinCount = 0;

  show(run: SearchRun, options: { newPanel?: boolean } = {}): ResultsPanel {
    const key = options.newPanel ? `run:${run.id}` : readSettings().reusePanel === 'perDocument' && run.documentUri ? run.documentUri.toString() : `run:${run.id}`;
    let panel = this.panels.get(key);
    if (!panel) {
      const webviewPanel = vscode.window.createWebviewPanel(
        ResultsPanel.viewType,
        'SPL results',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
      );
      panel = new ResultsPanel(webviewPanel, key, this.extensionUri, this.log, {
        onAction: (p, action) => this.onAction(p, action),
        onFocus: (p) => this.focus(p),
        onViewChanged: (p) => this.listener?.onViewChanged(p),
        onDispose: (p) => {
          // By identity: a pinned panel no longer sits under its first key, which a newer panel may hold.
          for (const [k, v] of this.panels) if (v === p) this.panels.delete(k);
          if (this.activePanel === p) {
            this.activePanel = undefined;
            this.runs.focus(undefined);
            this.listener?.onPanelChanged(undefined);
          }
        },
      });
      panel.verdictColumn = this.verdictColumn;
      this.panels.set(key, panel);
    } else {
      panel.reveal();
    }
    panel.bind(run);
    this.focus(panel);
    return panel;
  }

  private focus(panel: ResultsPanel): void {
    this.activePanel = panel;
    this.runs.focus(panel.run);
    this.listener?.onPanelChanged(panel);
  }

  private onAction(panel: ResultsPanel, action: GridAction): void {
    const run = panel.run;
    const session = panel.grid;
    if (!run || !session) return;
    switch (action.type) {
      case 'export':
        void exportResults(session, run, this.log, { scope: action.scope, ...(action.selection ? { selection: action.selection } : {}) });
        break;
      case 'rerun':
        void vscode.commands.executeCommand('splWorkbench.runQuery', { query: run.query, ...(run.documentUri ? { uri: run.documentUri.toString() } : {}) });
        break;
      case 'select':
        this.listener?.onSelection(panel, action);
        break;
      default:
        break;
    }
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.disposables.dispose();
  }
}
