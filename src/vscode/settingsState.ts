import * as vscode from 'vscode';
import { readSettings, SECTION, type Settings } from './config';
import { DisposableStore } from './disposable';

export interface SettingsChange {
  readonly previous: Settings;
  readonly current: Settings;
  /** True when the named setting (as `Settings` calls it) has a new value. */
  changed(key: keyof Settings): boolean;
}

/**
 * The extension's settings as they are now: read once, re-read when VS Code reports a change under
 * `splWorkbench`, and announced with the old and new values so that open panels follow at once.
 * Everything reads `current`; nothing else calls `readSettings`.
 */
export class SettingsState implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly didChange = this.disposables.add(new vscode.EventEmitter<SettingsChange>());
  readonly onDidChange = this.didChange.event;
  private value: Settings = readSettings();

  constructor() {
    this.disposables.add(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) this.reload();
    }));
  }

  get current(): Settings {
    return this.value;
  }

  /** Writes one setting for the user (all windows) and applies it here before VS Code's event arrives. */
  async update(key: 'hashes.splitColumns', value: boolean): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
    this.reload();
  }

  private reload(): void {
    const previous = this.value;
    const current = readSettings();
    this.value = current;
    const changed = (key: keyof Settings): boolean => JSON.stringify(previous[key]) !== JSON.stringify(current[key]);
    if ((Object.keys(current) as (keyof Settings)[]).some(changed)) this.didChange.fire({ previous, current, changed });
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
