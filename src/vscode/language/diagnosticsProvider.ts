import * as vscode from 'vscode';
import { lintSpl, type LintOptions, type SplSeverity } from '../../spl/diagnostics';
import { DisposableStore } from '../disposable';

const SEVERITY: Record<SplSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Long enough that a burst of keystrokes lints once, short enough to feel immediate. */
const DEBOUNCE_MS = 250;

/** Keeps the Problems view in step with every open SPL document, linting as the user types. */
export class SplDiagnosticsProvider implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly collection = this.disposables.add(vscode.languages.createDiagnosticCollection('spl'));
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();

  /**
   * `options` gives what the connected server or the local engine adds (the server's commands);
   * `changed` fires when that changes, and every open document is linted again.
   */
  constructor(private readonly options: () => LintOptions = () => ({}), changed: ReadonlyArray<vscode.Event<unknown>> = []) {
    for (const event of changed) this.disposables.add(event(() => this.lintAll()));
    this.disposables.add(vscode.workspace.onDidOpenTextDocument((d) => this.lint(d)));
    this.disposables.add(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)));
    this.disposables.add(vscode.workspace.onDidCloseTextDocument((d) => {
      this.cancel(d.uri);
      this.collection.delete(d.uri);
    }));
    this.lintAll();
  }

  private lintAll(): void {
    for (const d of vscode.workspace.textDocuments) this.lint(d);
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== 'spl') return;
    this.cancel(document.uri);
    this.pending.set(document.uri.toString(), setTimeout(() => {
      this.pending.delete(document.uri.toString());
      this.lint(document);
    }, DEBOUNCE_MS));
  }

  private cancel(uri: vscode.Uri): void {
    const timer = this.pending.get(uri.toString());
    if (timer !== undefined) clearTimeout(timer);
    this.pending.delete(uri.toString());
  }

  private lint(document: vscode.TextDocument): void {
    if (document.languageId !== 'spl' || document.isClosed) return;
    const diagnostics = lintSpl(document.getText(), this.options()).map((d) => {
      const range = new vscode.Range(document.positionAt(d.start), document.positionAt(d.end));
      const diagnostic = new vscode.Diagnostic(range, d.message, SEVERITY[d.severity]);
      diagnostic.source = 'spl';
      diagnostic.code = d.code;
      return diagnostic;
    });
    this.collection.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.disposables.dispose();
  }
}
