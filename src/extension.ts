import * as vscode from 'vscode';
import { createApi, type SplWorkbenchApi } from './vscode/api';
import { registerAddConnectionCommand } from './vscode/commands/addConnectionCommand';
import { registerCancelQueryCommand } from './vscode/commands/cancelQueryCommand';
import { registerChooseConnectionCommand } from './vscode/commands/chooseConnectionCommand';
import { registerChooseLocalDataCommand } from './vscode/commands/chooseLocalDataCommand';
import { registerChooseTimeRangeCommand } from './vscode/commands/chooseTimeRangeCommand';
import { registerCopySelectedHashesCommand } from './vscode/commands/copySelectedHashesCommand';
import { registerCopyUniqueHashesCommands } from './vscode/commands/copyUniqueHashesCommand';
import { registerEditConnectionCommand } from './vscode/commands/editConnectionCommand';
import { registerExportResultsCommand } from './vscode/commands/exportResultsCommand';
import { registerExportUniqueHashesCommand } from './vscode/commands/exportUniqueHashesCommand';
import { registerPinCertificateCommand } from './vscode/commands/pinCertificateCommand';
import { registerRemoveConnectionCommand } from './vscode/commands/removeConnectionCommand';
import { registerRunQueryCommand } from './vscode/commands/runQueryCommand';
import { registerShowHashPanelCommand } from './vscode/commands/showHashPanelCommand';
import { registerShowLogCommand } from './vscode/commands/showLogCommand';
import { registerSignInCommand } from './vscode/commands/signInCommand';
import { registerSignOutCommand } from './vscode/commands/signOutCommand';
import { registerToggleHashColumnsCommand } from './vscode/commands/toggleHashColumnsCommand';
import { registerClearVirusTotalKeyCommand } from './vscode/commands/clearVirusTotalKeyCommand';
import { registerLookUpHashesInVirusTotalCommand } from './vscode/commands/lookUpHashesInVirusTotalCommand';
import { registerRefreshVirusTotalVerdictsCommand } from './vscode/commands/refreshVirusTotalVerdictsCommand';
import { registerSetVirusTotalKeyCommand } from './vscode/commands/setVirusTotalKeyCommand';
import { ConnectionState } from './vscode/connections/connectionState';
import { takeDemoConnection } from './vscode/connections/demoSeed';
import { CredentialStore } from './vscode/connections/secretStore';
import { HashViewProvider } from './vscode/hashes/hashViewProvider';
import { COMPLETION_TRIGGERS, SplCompletionProvider } from './vscode/language/completionProvider';
import { SplDiagnosticsProvider } from './vscode/language/diagnosticsProvider';
import { DocumentFactsService } from './vscode/language/documentFactsService';
import { SplDocumentSymbolProvider } from './vscode/language/documentSymbolProvider';
import { SplFoldingRangeProvider } from './vscode/language/foldingRangeProvider';
import { SplFormattingProvider } from './vscode/language/formattingProvider';
import { SplHoverProvider } from './vscode/language/hoverProvider';
import { SIGNATURE_TRIGGERS, SplSignatureHelpProvider } from './vscode/language/signatureHelpProvider';
import { OutputLogger } from './vscode/logger';
import { SettingsState } from './vscode/settingsState';
import { ResultsPanels } from './vscode/results/resultsPanels';
import { RunManager } from './vscode/run/runManager';
import { RunCodeLensProvider } from './vscode/runCodeLens';
import type { Services } from './vscode/services';
import { SearchModeState } from './vscode/time/searchModeState';
import { TimeRangeState } from './vscode/time/timeRangeState';
import { registerHuntingFeatures } from './vscode/huntingFeatures';
import { panelVerdictLookup } from './virustotal';
import { VirusTotalKeyStore } from './vscode/virustotal/keyStore';
import { verdictColumn } from './vscode/virustotal/verdictColumn';
import { VirusTotalService } from './vscode/virustotal/virusTotalService';

const SPL: vscode.DocumentSelector = { language: 'spl' };

export async function activate(context: vscode.ExtensionContext): Promise<SplWorkbenchApi> {
  const add = <T extends vscode.Disposable>(d: T): T => {
    context.subscriptions.push(d);
    return d;
  };
  const log = add(new OutputLogger());
  const settings = add(new SettingsState());
  const credentials = new CredentialStore(context.secrets);
  const demo = await takeDemoConnection(log);
  const connection = add(new ConnectionState());
  if (demo) {
    credentials.holdForSession(demo.profile, demo.secret);
    connection.useForSession(demo.profile);
  }
  const timeRange = add(new TimeRangeState(context.workspaceState, settings.current.defaultTimeRange));
  const runs = add(new RunManager(log));
  const searchMode = add(new SearchModeState(context.workspaceState, settings));
  const s: Services = { context, log, settings, credentials, connection, timeRange, runs, searchMode };

  const panels = add(new ResultsPanels(context.extensionUri, runs, log, settings));
  const hashes = add(new HashViewProvider(context.extensionUri, log, panels, settings));
  const vt = add(new VirusTotalService(context, log, new VirusTotalKeyStore(context.secrets)));
  hashes.setVerdicts(panelVerdictLookup((hash) => vt.answerFor(hash)), vt.onDidChange);
  panels.setVerdicts(verdictColumn(vt), vt.onDidChange);
  add(vscode.window.registerWebviewViewProvider(HashViewProvider.viewId, hashes));
  const lenses = add(new RunCodeLensProvider(connection));
  add(vscode.languages.registerCodeLensProvider(SPL, lenses));
  const facts = add(new DocumentFactsService(s));
  const factsFor = (uri: vscode.Uri) => facts.factsFor(uri);
  const catalogLoaded: vscode.Event<unknown> = (listener) => facts.server.onDidLoad(() => listener(undefined));
  add(new SplDiagnosticsProvider(() => facts.lintOptions(), [connection.onDidChange, catalogLoaded]));
  add(vscode.languages.registerCompletionItemProvider(SPL, new SplCompletionProvider(factsFor), ...COMPLETION_TRIGGERS));
  add(vscode.languages.registerSignatureHelpProvider(SPL, new SplSignatureHelpProvider(), ...SIGNATURE_TRIGGERS));
  add(vscode.languages.registerHoverProvider(SPL, new SplHoverProvider(factsFor)));
  add(vscode.languages.registerDocumentSymbolProvider(SPL, new SplDocumentSymbolProvider()));
  add(vscode.languages.registerFoldingRangeProvider(SPL, new SplFoldingRangeProvider()));
  const formatter = new SplFormattingProvider();
  add(vscode.languages.registerDocumentFormattingEditProvider(SPL, formatter));
  add(vscode.languages.registerDocumentRangeFormattingEditProvider(SPL, formatter));

  add(registerRunQueryCommand(s, panels));
  add(registerCancelQueryCommand(s));
  add(registerChooseTimeRangeCommand(s));
  add(registerChooseConnectionCommand(s));
  add(registerAddConnectionCommand(s));
  add(registerEditConnectionCommand(s));
  add(registerRemoveConnectionCommand(s));
  add(registerSignInCommand(s));
  add(registerPinCertificateCommand(s));
  add(registerSignOutCommand(s));
  add(registerChooseLocalDataCommand());
  add(registerShowLogCommand(s));
  add(registerExportResultsCommand(s, panels));
  add(registerToggleHashColumnsCommand(settings));
  add(registerShowHashPanelCommand());
  add(registerCopyUniqueHashesCommands(hashes));
  add(registerCopySelectedHashesCommand(hashes));
  add(registerExportUniqueHashesCommand(hashes));
  add(registerLookUpHashesInVirusTotalCommand(vt, hashes));
  add(registerRefreshVirusTotalVerdictsCommand(vt, hashes));
  add(registerSetVirusTotalKeyCommand(vt));
  add(registerClearVirusTotalKeyCommand(vt, log));
  const hunting = registerHuntingFeatures(s, panels);
  for (const d of hunting.disposables) add(d);

  log.info(`SPL Workbench ${String(context.extension.packageJSON.version)} activated (VS Code ${vscode.version}).`);
  return createApi(runs, () => runs.allRuns, hunting.history, panels);
}

export function deactivate(): void {
  // Everything registered is in context.subscriptions; VS Code disposes it, which cancels running jobs.
}
