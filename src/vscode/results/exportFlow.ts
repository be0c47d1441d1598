import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ExportError, type ExportFormat, exportTable } from '../../results/exportWriter';
import type { GridSession } from '../../results/session';
import type { TableView } from '../../results/table';
import type { ExportScope, Selection } from '../../shared/protocol';
import type { Settings } from '../config';
import type { Logger } from '../logger';
import type { SearchRun } from '../run/searchRun';

const FORMATS: { label: string; format: ExportFormat; ext: string; description: string }[] = [
  { label: 'CSV', format: 'csv', ext: 'csv', description: 'spreadsheets; formulas neutralised unless turned off' },
  { label: 'TSV', format: 'tsv', ext: 'tsv', description: 'tab-separated' },
  { label: 'JSON', format: 'json', ext: 'json', description: 'an array of objects; multivalues stay arrays' },
  { label: 'JSON Lines', format: 'jsonl', ext: 'jsonl', description: 'one object per line' },
];

export interface ExportRequest {
  scope?: ExportScope;
  selection?: Selection;
  format?: ExportFormat;
  /** Export only the columns shown (default) or every column. */
  columns?: 'shown' | 'all';
  /** Automation: write here without a save dialog. */
  target?: string;
}

/** The rows and columns an export reads, resolved on the host from the session's own view. */
function tableFor(session: GridSession, scope: ExportScope, columns: 'shown' | 'all', selection?: Selection): TableView | undefined {
  if (scope === 'selection') return selection ? session.selectionTable(selection) : undefined;
  return session.viewFor({ rows: scope, columns });
}

export function defaultExportName(query: string, ext: string, now = new Date()): string {
  const slug = query.replace(/^search\s+/i, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'results';
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
  return `spl-${slug}-${stamp}.${ext}`;
}

/** Asks what to export (unless told), writes it on the host, and offers to open or reveal the file. */
export async function exportResults(session: GridSession, run: SearchRun, log: Logger, settings: Settings, req: ExportRequest = {}): Promise<string | undefined> {
  // Every pick ignores focus-out: an export started from a webview button gets its focus handed back
  // to the webview late on a busy machine, and that would close the pick under the user's hand.
  let scope = req.scope;
  if (!scope) {
    const picks: (vscode.QuickPickItem & { scope: ExportScope })[] = [
      { label: 'The current view', description: `${session.view.rowCount.toLocaleString('en-US')} rows, sorted and filtered as shown`, scope: 'view' },
      { label: 'All rows', description: `${run.store.rowCount.toLocaleString('en-US')} rows`, scope: 'all' },
    ];
    const pick = await vscode.window.showQuickPick(picks, { title: 'Export which rows?', ignoreFocusOut: true });
    if (!pick) return undefined;
    scope = pick.scope;
  }
  let format = req.format;
  if (!format) {
    const pick = await vscode.window.showQuickPick(FORMATS, { title: 'Export format', ignoreFocusOut: true });
    if (!pick) return undefined;
    format = pick.format;
  }
  let columns = req.columns;
  if (!columns && scope !== 'selection') {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Columns shown', description: 'including split hash columns', value: 'shown' as const },
        { label: 'All columns', description: 'including hidden and internal fields', value: 'all' as const },
      ],
      { title: 'Which columns?', ignoreFocusOut: true },
    );
    if (!pick) return undefined;
    columns = pick.value;
  }
  const table = tableFor(session, scope, columns ?? 'shown', req.selection);
  if (!table || table.rowCount === 0) {
    void vscode.window.showInformationMessage('There are no rows to export.');
    return undefined;
  }
  const ext = FORMATS.find((f) => f.format === format)!.ext;
  let target = req.target;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const uri = await vscode.window.showSaveDialog({
      title: 'Export results',
      defaultUri: vscode.Uri.joinPath(folder, defaultExportName(run.query, ext)),
      filters: { [FORMATS.find((f) => f.format === format)!.label]: [ext] },
    });
    if (!uri) return undefined;
    if (uri.scheme !== 'file') {
      void vscode.window.showErrorMessage('Exports are written to local files only.');
      return undefined;
    }
    target = uri.fsPath;
  }
  const total = table.rowCount;
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Exporting ${total.toLocaleString('en-US')} rows to ${path.basename(target)}`, cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        let reported = 0;
        return exportTable(table, 'all', 'all', target!, {
          format: format!,
          neutralise: settings.neutraliseFormulas,
          multivalue: settings.multivalueSeparator,
          bom: settings.exportBom && (format === 'csv' || format === 'tsv'),
          signal: abort.signal,
          onProgress: (p) => {
            const pct = Math.floor((p.rows / Math.max(1, total)) * 100);
            if (pct > reported) {
              progress.report({ increment: pct - reported, message: `${p.rows.toLocaleString('en-US')} rows` });
              reported = pct;
            }
          },
        });
      },
    );
    log.info(`Exported ${result.rows} rows (${result.bytes} bytes, ${format}) to ${target}`);
    if (!req.target) {
      void vscode.window.showInformationMessage(`Exported ${result.rows.toLocaleString('en-US')} rows to ${path.basename(target)}.`, 'Open', 'Reveal in File Explorer').then((a) => {
        if (a === 'Open') void vscode.commands.executeCommand('vscode.open', vscode.Uri.file(target!));
        if (a === 'Reveal in File Explorer') void vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(target!));
      });
    }
    return target;
  } catch (e) {
    const message = e instanceof ExportError ? e.message : `Export failed: ${(e as Error).message}`;
    log.error(message);
    if (!(e instanceof ExportError && e.reason === 'cancelled')) void vscode.window.showErrorMessage(message);
    else void vscode.window.setStatusBarMessage(message, 5000);
    if (req.target) throw e;
    return undefined;
  }
}
