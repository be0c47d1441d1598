import * as vscode from 'vscode';
import type { FieldStats } from '../../results/fieldSummary';
import { COMMANDS } from '../commandIds';
import type { RunLookup } from '../jobs/jobDetailsProvider';
import { runFieldSummary } from '../results/runFieldSummary';

const pct = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
const oneLine = (v: string) => (v.length > 200 ? `${v.slice(0, 200)}…` : v).replace(/[\r\n]+/g, ' ⏎ ');

function describe(f: FieldStats): string {
  const distinct = `${f.distinct.toLocaleString('en-US')}${f.distinctCapped ? '+' : ''} value${f.distinct === 1 ? '' : 's'}`;
  const numeric = f.numeric ? ` · min ${f.numeric.min} · max ${f.numeric.max} · avg ${Number(f.numeric.avg.toFixed(3))}` : '';
  return `${pct(f.share)} of rows · ${distinct}${numeric}`;
}

/**
 * The fields of a run's results with their figures (share of rows, distinct values, top 10, numeric
 * min/max/avg), then a value's "Add to query" / "Exclude", with or without re-running. Until the results
 * panel has its fields sidebar this is where the figures show; `{ runId, list: true }` returns them.
 */
export function registerShowFieldsCommand(lookup: RunLookup): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showFields, async (arg?: { runId?: unknown; list?: unknown }) => {
    const run = lookup(typeof arg?.runId === 'number' ? arg.runId : undefined);
    if (!run) {
      void vscode.window.showInformationMessage('No results yet: run a query first.');
      return undefined;
    }
    const fields = runFieldSummary(run).all();
    if (arg?.list === true) return fields;
    const field = await vscode.window.showQuickPick(
      fields.map((f) => ({ label: f.field, description: describe(f), detail: f.top.slice(0, 3).map((t) => `${oneLine(t.value)} (${pct(t.share)})`).join(' · '), stats: f })),
      { title: `Fields of ${run.store.rowCount.toLocaleString('en-US')} results`, matchOnDetail: true, placeHolder: 'Pick a field to see its top values' },
    );
    if (!field) return undefined;
    const value = await vscode.window.showQuickPick(
      field.stats.top.map((t) => ({ label: oneLine(t.value) || '(empty)', description: `${t.count.toLocaleString('en-US')} · ${pct(t.share)}`, value: t.value })),
      { title: `${field.stats.field}: top ${field.stats.top.length} values`, placeHolder: describe(field.stats) },
    );
    if (!value) return undefined;
    const action = await vscode.window.showQuickPick(
      [
        { label: '$(add) Add to Query', exclude: false, rerun: false },
        { label: '$(remove) Exclude', exclude: true, rerun: false },
        { label: '$(play) Add to Query and Run', exclude: false, rerun: true },
        { label: '$(play) Exclude and Run', exclude: true, rerun: true },
      ],
      { title: `${field.stats.field}="${oneLine(value.value)}"` },
    );
    if (!action) return undefined;
    return vscode.commands.executeCommand(action.exclude ? COMMANDS.excludeFromQuery : COMMANDS.addToQuery, {
      runId: run.id, field: field.stats.field, value: value.value, rerun: action.rerun,
    });
  });
}
