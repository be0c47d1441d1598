import type * as vscode from 'vscode';
import type { ConnectionState } from './connections/connectionState';
import type { CredentialStore } from './connections/secretStore';
import type { OutputLogger } from './logger';
import type { SettingsState } from './settingsState';
import type { TimeRangeState } from './time/timeRangeState';
import type { RunManager } from './run/runManager';

/** What commands and views share; built once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly log: OutputLogger;
  readonly settings: SettingsState;
  readonly credentials: CredentialStore;
  readonly connection: ConnectionState;
  readonly timeRange: TimeRangeState;
  readonly runs: RunManager;
}
