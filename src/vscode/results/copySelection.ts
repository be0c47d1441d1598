import * as vscode from 'vscode';
import { planCopy } from '../../results/formats';
import type { GridMessage, GridSession } from '../../results/session';
import type { Settings } from '../config';
import type { Logger } from '../logger';

/**
 * Copy is built on the host from the full values (the grid only has display-truncated ones) and
 * written with VS Code's clipboard, which works where navigator.clipboard in a webview does not.
 */
export async function copySelection(session: GridSession, action: GridMessage<'copy'>, log: Logger, settings: Settings, exportInstead: () => void): Promise<string | undefined> {
  const table = session.selectionTable(action.selection);
  if (!table || table.rowCount === 0 || table.columns.length === 0) {
    void vscode.window.setStatusBarMessage('Nothing selected to copy (the view changed).', 3000);
    return undefined;
  }
  const all = { rows: range(table.rowCount), columns: range(table.columns.length) };
  // Ctrl+C on one cell means that value, as in a spreadsheet; headers are for ranges.
  const single = table.rowCount === 1 && table.columns.length === 1 && action.format === 'tsv';
  const plan = planCopy(table, all, single ? 'cell' : action.format, {
    neutralise: settings.neutraliseFormulas,
    multivalueSeparator: settings.multivalueSeparator,
    headers: action.withHeaders,
  });
  if (!plan.ok) {
    log.warn(`Copy refused: ${plan.reason}`);
    const choice = await vscode.window.showWarningMessage(plan.reason, ...(plan.tooLarge ? ['Export…'] : []));
    if (choice === 'Export…') exportInstead();
    return undefined;
  }
  const text = plan.text;
  await vscode.env.clipboard.writeText(text);
  const what = action.format === 'cell' ? 'cell' : `${table.rowCount.toLocaleString('en-US')} row${table.rowCount === 1 ? '' : 's'} as ${action.format.toUpperCase()}`;
  void vscode.window.setStatusBarMessage(`$(clippy) Copied ${what}`, 3000);
  log.debug(`Copied ${what} (${text.length} characters).`);
  return text;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
