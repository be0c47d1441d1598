import type * as vscode from 'vscode';
import type { FieldFacts } from '../../spl/documentFacts';
import { DisposableStore } from '../disposable';
import { runFieldSummary } from '../results/runFieldSummary';
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
        // The same figures the Fields view shows: one summary of a run's results, not a second count.
        this.byDocument.set(uri, runFieldSummary(run).all().map((f): FieldFacts => ({
          name: f.field,
          origin: 'last results',
          distinctCount: f.distinct,
          rows: f.rows,
          topValues: f.top.map((t) => ({ value: t.value.length > 200 ? `${t.value.slice(0, 199)}…` : t.value, count: t.count })),
        })));
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
