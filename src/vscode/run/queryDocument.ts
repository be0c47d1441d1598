import * as vscode from 'vscode';
import { normalizeQuery, queryBlocks, stripComments } from '../../spl';
import type { SearchRun } from './searchRun';

/**
 * The editor range a run's query came from, checked against the document as it is now: the range the
 * run recorded if it still holds the same query, else the block that does (lines above may have
 * moved it). Undefined when the query is no longer in the document.
 */
export async function findRunQuery(run: SearchRun): Promise<{ document: vscode.TextDocument; range: vscode.Range } | undefined> {
  if (!run.documentUri) return undefined;
  const document = await vscode.workspace.openTextDocument(run.documentUri);
  const same = (text: string) => {
    const n = normalizeQuery(stripComments(text));
    return n.ok && n.query === run.query;
  };
  if (run.sourceRange && same(document.getText(run.sourceRange))) return { document, range: run.sourceRange };
  const text = document.getText();
  const block = queryBlocks(text).find((b) => same(b.text));
  if (!block) return undefined;
  return { document, range: new vscode.Range(document.positionAt(block.range.startOffset), document.positionAt(block.range.endOffset)) };
}
