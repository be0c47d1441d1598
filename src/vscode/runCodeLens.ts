import * as vscode from 'vscode';
import { queryBlocks } from '../spl';
import type { ConnectionState } from './connections/connectionState';
import { DisposableStore } from './disposable';
import { COMMANDS } from './commandIds';

/** A "Run" lens above each query block; the block under it is what runs. */
export class RunCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly connection: ConnectionState) {
    this.disposables.add(this.changed);
    this.disposables.add(connection.onDidChange(() => this.changed.fire()));
    this.disposables.add(vscode.workspace.onDidGrantWorkspaceTrust(() => this.changed.fire()));
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!vscode.workspace.isTrusted) return [];
    const active = this.connection.active;
    const where = active.kind === 'local' ? ' (local engine)' : active.kind === 'splunk' ? ` on ${active.profile.label}` : '';
    return queryBlocks(document.getText()).map((block) => {
      const line = block.range.start.line;
      const range = new vscode.Range(line, 0, line, 0);
      return new vscode.CodeLens(range, {
        title: `$(play) Run${where}`,
        tooltip: 'Run this query (Ctrl+Enter / Cmd+Enter)',
        command: COMMANDS.runQuery,
        arguments: [{ uri: document.uri.toString(), line }],
      });
    });
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
