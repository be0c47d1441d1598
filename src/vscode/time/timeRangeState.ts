import * as vscode from 'vscode';
import { rangeFromEarliest, type TimeRange } from '../../search/timeRange';
import { DisposableStore } from '../disposable';
import { COMMANDS } from '../commandIds';

const STATE_KEY = 'splWorkbench.timeRange';

/** The time range sent with the next job, in the status bar; remembered per workspace. */
export class TimeRangeState implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly item: vscode.StatusBarItem;
  private range: TimeRange;

  constructor(private readonly memento: vscode.Memento, defaultTimeRange: string) {
    this.range = memento.get<TimeRange>(STATE_KEY) ?? rangeFromEarliest(defaultTimeRange);
    this.item = this.disposables.add(vscode.window.createStatusBarItem('splWorkbench.timeRange', vscode.StatusBarAlignment.Left, 49));
    this.item.name = 'SPL Workbench: time range';
    this.item.command = COMMANDS.chooseTimeRange;
    this.disposables.add(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.render();
  }

  get current(): TimeRange {
    return this.range;
  }

  async set(range: TimeRange): Promise<void> {
    this.range = range;
    await this.memento.update(STATE_KEY, range);
    this.render();
  }

  private render(): void {
    this.item.text = `$(clock) ${this.range.label}`;
    this.item.tooltip = 'Time range for the next search. earliest=/latest= in the query win, as in Splunk. Click to change.';
    if (vscode.window.activeTextEditor?.document.languageId === 'spl') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
