import type * as vscode from 'vscode';
import { LOCAL_ENGINE_COMMANDS } from '../../engine';
import type { LintOptions } from '../../spl/diagnostics';
import { mergeFacts, type DocumentFacts } from '../../spl/documentFacts';
import { DisposableStore } from '../disposable';
import type { Services } from '../services';
import { LastResultFields } from './lastResultFields';
import { LocalDataCache } from './localDataCache';
import { ServerCatalogCache } from './serverCatalog';

/** How long a completion or hover waits for a first read of the server or the local files. */
const WAIT_MS = 400;

/**
 * What the language service knows about a document beyond its text: the fields of its last
 * results, then (searching locally) the local data files' fields and values, or (connected) the
 * server's indexes, sourcetypes, macros and commands.
 */
export class DocumentFactsService implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  readonly results: LastResultFields;
  readonly server: ServerCatalogCache;
  readonly local: LocalDataCache;

  constructor(private readonly s: Services) {
    this.results = this.disposables.add(new LastResultFields(s.runs));
    this.server = this.disposables.add(new ServerCatalogCache(s));
    this.local = this.disposables.add(new LocalDataCache(s));
  }

  async factsFor(uri: vscode.Uri): Promise<DocumentFacts> {
    const fromResults = { fields: this.results.fieldsFor(uri) };
    const active = this.s.connection.active.kind;
    if (active === 'splunk') return mergeFacts(fromResults, await this.server.ready(WAIT_MS));
    const local = await Promise.race([this.local.ready(), new Promise<undefined>((r) => setTimeout(() => r(undefined), WAIT_MS))]);
    return mergeFacts(fromResults, local ?? {});
  }

  /** The server's command list when connected (unknown commands become errors), the engine's when local. */
  lintOptions(): LintOptions {
    const active = this.s.connection.active.kind;
    if (active === 'local') return { localEngineCommands: LOCAL_ENGINE_COMMANDS };
    if (active !== 'splunk') return {};
    const commands = this.server.current().commands;
    return commands ? { serverCommands: commands } : {};
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
