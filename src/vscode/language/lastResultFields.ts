import type * as vscode from 'vscode';
import { summariseFields } from '../../spl/fieldSummary';
import type { FieldFacts } from '../../spl/documentFacts';
import { DisposableStore } from '../disposable';
import type { RunManager } from '../run/runManager';

/**
 * The fields of each document's last finished run, as summaries (the rows are not kept): a small
 * read-only view of the runs for the language service, which knows nothing of panels.
 */
export class LastResultFields implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly byDocument = new Map<string, FieldFacts[]>();

  constructor(runs: Pick<RunManager, 'onDidStart'>) {
    this.disposables.add(runs.onDidStart((run) => {
      const uri = run.documentUri?.toString();
      if (!uri) return;
      void run.finished.then(() => {
        if (run.store.rowCount === 0 && run.state !== 'done') return;
        const store = run.store;
        this.byDocument.set(uri, summariseFields(store.fields, (f) => store.columnValues(f), store.rowCount, 'last results'));
      });
    }));
  }

  /** The fields of the last results of the document, or none before its first run. */
  fieldsFor(uri: vscode.Uri): readonly FieldFacts[] {
    return this.byDocument.get(uri.toString()) ?? [];
  }

  dispose(): void {
    this.byDocument.clear();
    this.disposables.dispose();
  }
}
