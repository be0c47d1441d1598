import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { parseSearchMode, SEARCH_MODES, searchModeLabel, type SearchMode } from '../../search/searchMode';
import { DisposableStore } from '../disposable';
import type { SettingsState } from '../settingsState';

const STATE_KEY = 'splWorkbench.searchMode';

/** The search mode sent with the next Splunk job, beside the time range in the status bar; remembered per workspace. */
export class SearchModeState implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly item: vscode.StatusBarItem;
  private mode: SearchMode | undefined;

  constructor(private readonly memento: vscode.Memento, private readonly settings: SettingsState) {
    this.mode = parseSearchMode(memento.get<unknown>(STATE_KEY));
    // Just right of the time range (priority 49).
    this.item = this.disposables.add(vscode.window.createStatusBarItem('splWorkbench.searchMode', vscode.StatusBarAlignment.Left, 48.9));
    this.item.name = 'SPL Workbench: search mode';
    this.item.command = COMMANDS.chooseSearchMode;
    this.disposables.add(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.disposables.add(settings.onDidChange((c) => {
      if (c.changed('defaultSearchMode')) this.render();
    }));
    this.render();
  }

  /** The picked mode, else the setting's default. */
  get current(): SearchMode {
    return this.mode ?? this.settings.current.defaultSearchMode;
  }

  async set(mode: SearchMode): Promise<void> {
    this.mode = mode;
    await this.memento.update(STATE_KEY, mode);
    this.render();
  }

  private render(): void {
    const mode = this.current;
    this.item.text = `$(telescope) ${searchModeLabel(mode)}`;
    this.item.tooltip = `Search mode for the next Splunk search (adhoc_search_level=${mode}): ${SEARCH_MODES.find((m) => m.mode === mode)?.detail ?? ''} Click to change.`;
    if (vscode.window.activeTextEditor?.document.languageId === 'spl') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
