import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../search/connections/profile';
import { LOCAL_CONNECTION_ID, readActiveConnectionId, readProfiles, SECTION } from '../config';
import { DisposableStore } from '../disposable';
import { COMMANDS } from '../commandIds';

export type ActiveTarget = { kind: 'local' } | { kind: 'splunk'; profile: ConnectionProfile } | { kind: 'unset' } | { kind: 'missing'; id: string };

/** Which place searches run, shown in the status bar; click to change it. */
export class ConnectionState implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly item: vscode.StatusBarItem;
  private readonly changed = new vscode.EventEmitter<ActiveTarget>();
  readonly onDidChange = this.changed.event;
  /** A profile for this session only (the demo's), active until the user picks a place to run. */
  private sessionProfile: ConnectionProfile | undefined;

  constructor() {
    this.item = this.disposables.add(vscode.window.createStatusBarItem('splWorkbench.connection', vscode.StatusBarAlignment.Left, 50));
    this.item.name = 'SPL Workbench: connection';
    this.item.command = COMMANDS.chooseConnection;
    this.disposables.add(this.changed);
    this.disposables.add(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.activeConnection`)) this.sessionProfile = undefined;
        if (e.affectsConfiguration(`${SECTION}.connections`) || e.affectsConfiguration(`${SECTION}.activeConnection`)) this.refresh();
      }),
    );
    this.disposables.add(vscode.window.onDidChangeActiveTextEditor(() => this.updateVisibility()));
    this.refresh();
  }

  /** Makes `profile` active for this session without writing any setting; undefined ends that. */
  useForSession(profile: ConnectionProfile | undefined): void {
    this.sessionProfile = profile;
    this.refresh();
  }

  get active(): ActiveTarget {
    if (this.sessionProfile) return { kind: 'splunk', profile: this.sessionProfile };
    const id = readActiveConnectionId();
    if (!id) return { kind: 'unset' };
    if (id === LOCAL_CONNECTION_ID) return { kind: 'local' };
    const profile = readProfiles().profiles.find((p) => p.id === id);
    return profile ? { kind: 'splunk', profile } : { kind: 'missing', id };
  }

  refresh(): void {
    const active = this.active;
    switch (active.kind) {
      case 'local':
        this.item.text = '$(database) SPL: local engine';
        this.item.tooltip = 'Searches run in the built-in local engine. Click to change.';
        this.item.backgroundColor = undefined;
        break;
      case 'splunk': {
        const insecure = active.profile.tls === 'insecure';
        this.item.text = `${insecure ? '$(warning)' : '$(server)'} SPL: ${active.profile.label}`;
        this.item.tooltip = insecure
          ? `${active.profile.url}: certificate verification is OFF for this connection. Anyone on the network path can read your credentials. Click to change.`
          : `${active.profile.url}. Click to change.`;
        this.item.backgroundColor = insecure ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
        break;
      }
      case 'missing':
        this.item.text = '$(error) SPL: unknown connection';
        this.item.tooltip = `The active connection "${active.id}" is not one of your connection profiles. Click to choose.`;
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      default:
        this.item.text = '$(plug) SPL: choose where to run';
        this.item.tooltip = 'Choose the built-in local engine or a Splunk server.';
        this.item.backgroundColor = undefined;
    }
    this.updateVisibility();
    this.changed.fire(active);
  }

  private updateVisibility(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId === 'spl' || this.active.kind !== 'unset') this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
