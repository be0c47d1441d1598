import * as vscode from 'vscode';
import { isTimeModifier } from '../../search/timeRange';
import { normalizeQuery, queryAtCursor, reviewRisk, riskConfirmation } from '../../spl';
import { LOCAL_CONNECTION_ID, readProfiles, writeActiveConnectionId } from '../config';
import type { ResolvedBackend } from '../../search/backend';
import { localBackend, splunkBackend } from '../connections/backendFactory';
import type { ResultsPanels } from '../results/resultsPanels';
import type { Services } from '../services';
import { describeError } from '../run/describeError';
import { showRunError } from '../run/showRunError';
import { COMMANDS } from '../commandIds';

/** Arguments the CodeLens (and automation) pass: which document and which line's block to run. */
export interface RunQueryArgs {
  uri?: string;
  line?: number;
  /** Run this text instead of reading the editor (automation). */
  query?: string;
  /** Run with this time range instead of the status bar's (History's re-run). */
  earliest?: string;
  latest?: string;
  /** Run on this connection (`local` or a profile id) instead of the active one (History's re-run). */
  connectionId?: string;
}

export function registerRunQueryCommand(s: Services, panels: ResultsPanels): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.runQuery, async (args?: RunQueryArgs) => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Running searches is disabled in Restricted Mode. Trust this folder to run SPL.', 'Manage Workspace Trust').then((a) => {
        if (a) void vscode.commands.executeCommand('workbench.trust.manage');
      });
      return undefined;
    }
    const picked = await pickQuery(args);
    if (!picked) return undefined;
    const normalised = normalizeQuery(picked.text);
    if (!normalised.ok) {
      void vscode.window.showInformationMessage(normalised.reason);
      return undefined;
    }
    const query = normalised.query;
    const confirmation = riskConfirmation(reviewRisk(query));
    if (confirmation) {
      const go = await vscode.window.showWarningMessage(
        confirmation,
        { modal: true, detail: query.length > 500 ? query.slice(0, 500) + '…' : query },
        'Run Anyway',
      );
      if (go !== 'Run Anyway') return undefined;
    }
    let resolved: ResolvedBackend | undefined;
    try {
      resolved = typeof args?.connectionId === 'string' ? await connectionBackend(s, args.connectionId) : await resolveBackend(s);
    } catch (e) {
      await showRunError(describeError(e));
      return undefined;
    }
    if (!resolved) return undefined;
    const settings = s.settings.current;
    const range = timeRangeFor(args) ?? s.timeRange.current;
    const run = s.runs.start(
      query,
      picked.uri,
      resolved,
      {
        maxResults: settings.maxResults,
        pageSize: settings.pageSize,
        ...(range.earliest ? { earliestTime: range.earliest } : {}),
        ...(range.latest ? { latestTime: range.latest } : {}),
        searchMode: s.searchMode.current,
      },
    );
    run.sourceRange = picked.range;
    panels.show(run);
    void run.finished.then(() => {
      if (run.state === 'failed' && run.error) void showRunError(run.error);
    });
    return run.id;
  });
}

function timeRangeFor(args: RunQueryArgs | undefined): { earliest: string; latest: string } | undefined {
  if (typeof args?.earliest !== 'string' || typeof args.latest !== 'string') return undefined;
  if (!isTimeModifier(args.earliest) || !isTimeModifier(args.latest)) throw new Error('Not a Splunk time modifier.');
  return { earliest: args.earliest.trim(), latest: args.latest.trim() };
}

async function pickQuery(args?: RunQueryArgs): Promise<{ text: string; uri?: vscode.Uri; range?: vscode.Range } | undefined> {
  if (typeof args?.query === 'string') return { text: args.query, ...(typeof args.uri === 'string' ? { uri: vscode.Uri.parse(args.uri) } : {}) };
  let editor = vscode.window.activeTextEditor;
  if (args?.uri) {
    const uri = vscode.Uri.parse(args.uri);
    editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString()) ?? (await vscode.window.showTextDocument(uri, { preserveFocus: true }));
  }
  if (!editor) {
    void vscode.window.showInformationMessage('Open an SPL file (.spl) and put the cursor in a query to run it.');
    return undefined;
  }
  const doc = editor.document;
  const sel = editor.selection;
  const cursorLine = typeof args?.line === 'number' ? args.line : sel.active.line;
  const result = queryAtCursor(
    doc.getText(),
    { line: cursorLine, character: typeof args?.line === 'number' ? 0 : sel.active.character },
    typeof args?.line === 'number' || sel.isEmpty ? undefined : { start: doc.offsetAt(sel.start), end: doc.offsetAt(sel.end) },
  );
  if (!result.ok) {
    void vscode.window.showInformationMessage(result.reason);
    return undefined;
  }
  return { text: result.query, uri: doc.uri, range: new vscode.Range(doc.positionAt(result.range.startOffset), doc.positionAt(result.range.endOffset)) };
}

/** A named connection's backend, without asking: the caller checked that it exists. */
async function connectionBackend(s: Services, id: string): Promise<ResolvedBackend | undefined> {
  if (id === LOCAL_CONNECTION_ID) return localBackend(s.settings.current, s.context.globalStorageUri);
  const profile = readProfiles().profiles.find((p) => p.id === id);
  if (!profile) throw new Error(`The connection "${id}" no longer exists.`);
  return splunkBackend({ credentials: s.credentials, log: s.log, settings: s.settings.current }, profile);
}

/** The place to run; asks on first use. Undefined when the user backs out. */
async function resolveBackend(s: Services): Promise<ResolvedBackend | undefined> {
  let active = s.connection.active;
  if (active.kind === 'unset' || active.kind === 'missing') {
    const choice = await vscode.window.showQuickPick(
      [
        { label: '$(database) Built-in local engine', detail: 'Runs SPL on this machine over a generated Sysmon sample data set (or your JSON/CSV files). No account needed.', id: LOCAL_CONNECTION_ID },
        { label: '$(server) A Splunk server…', detail: 'URL, then a token or a user name and password (kept in SecretStorage).', id: 'add' },
      ],
      { title: active.kind === 'missing' ? `The connection "${active.id}" no longer exists. Where should searches run?` : 'Where should searches run?', ignoreFocusOut: true },
    );
    if (!choice) return undefined;
    if (choice.id === 'add') {
      const id = await vscode.commands.executeCommand<string | undefined>(COMMANDS.addConnection);
      if (!id) return undefined;
    } else {
      await writeActiveConnectionId(LOCAL_CONNECTION_ID);
    }
    s.connection.refresh();
    active = s.connection.active;
  }
  if (active.kind === 'local') return localBackend(s.settings.current, s.context.globalStorageUri);
  if (active.kind === 'splunk') return splunkBackend({ credentials: s.credentials, log: s.log, settings: s.settings.current }, active.profile);
  return undefined;
}
