import * as vscode from 'vscode';
import type { Cell } from '../../shared/cell';
import type { Selection } from '../../shared/protocol';
import { DisposableStore } from '../disposable';
import type { Logger } from '../logger';
import type { SettingsState } from '../settingsState';
import type { RunManager } from '../run/runManager';
import type { SearchRun } from '../run/searchRun';
import { webviewOptions } from '../webviewHtml';
import { ResultsPanel } from './resultsPanel';

/** The results panels: one per document (or per run), opened beside the editor. */
export class ResultsPanels implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly panels = new Map<string, ResultsPanel>();
  private activePanel: ResultsPanel | undefined;
  private readonly didSelect = this.disposables.add(new vscode.EventEmitter<{ panel: ResultsPanel; selection: Selection }>());
  private readonly didChangeActivePanel = this.disposables.add(new vscode.EventEmitter<ResultsPanel | undefined>());
  private readonly didChangeView = this.disposables.add(new vscode.EventEmitter<ResultsPanel>());
  /** Cells were selected in a panel's grid. */
  readonly onDidSelect = this.didSelect.event;
  /** Another panel (or run in the same panel) became the one the user looks at; undefined when none is left. */
  readonly onDidChangeActivePanel = this.didChangeActivePanel.event;
  /** A panel's view (sort, filter, columns) changed. */
  readonly onDidChangeView = this.didChangeView.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly runs: RunManager,
    private readonly log: Logger,
    private readonly settings: SettingsState,
  ) {}

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

  show(run: SearchRun): ResultsPanel {
    const key = this.settings.current.reusePanel === 'perDocument' && run.documentUri ? run.documentUri.toString() : `run:${run.id}`;
    let panel = this.panels.get(key);
    if (!panel) {
      const webviewPanel = vscode.window.createWebviewPanel(
        ResultsPanel.viewType,
        'SPL results',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
      );
      const p = new ResultsPanel(webviewPanel, key, this.extensionUri, this.log, this.settings);
      p.onDidFocus(() => this.focus(p));
      p.onDidChangeView(() => this.didChangeView.fire(p));
      p.onDidSelect((selection) => this.didSelect.fire({ panel: p, selection }));
      p.onDidDispose(() => {
        this.panels.delete(p.key);
        if (this.activePanel === p) {
          this.activePanel = undefined;
          this.runs.focus(undefined);
          this.didChangeActivePanel.fire(undefined);
        }
      });
      panel = p;
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
    this.didChangeActivePanel.fire(panel);
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
    this.disposables.dispose();
  }
}
