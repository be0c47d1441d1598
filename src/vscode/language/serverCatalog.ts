import type * as vscode from 'vscode';
import type { Cell } from '../../shared/cell';
import type { ConnectionProfile } from '../../search/connections/profile';
import { CATALOG_PATHS, commandNames, distinctStrings, indexNames, macroDefinitions, MAX_ENTRIES } from '../../search/splunk/catalog';
import { SplunkBackend } from '../../search/splunk';
import type { MacroFacts } from '../../spl/documentFacts';
import { splunkBackend } from '../connections/backendFactory';
import type { Services } from '../services';

export interface ServerCatalog {
  indexes: string[];
  sourcetypes: string[];
  macros: MacroFacts[];
  /** Undefined when the command list could not be read: then unknown commands stay warnings. */
  commands: ReadonlySet<string> | undefined;
}

const EMPTY: ServerCatalog = { indexes: [], sourcetypes: [], macros: [], commands: undefined };
/** A catalog is read again after this long; a failed read (offline) is retried sooner. */
const FRESH_MS = 10 * 60_000;
const RETRY_MS = 60_000;
const REQUEST_BUDGET_MS = 15_000;
const SOURCETYPES_SEARCH = '| metadata type=sourcetypes index=* | fields sourcetype';

/**
 * What the connected Splunk server says exists (indexes, sourcetypes, macros, commands), read in the
 * background on first use, cached per connection, and nothing at all when offline, not signed in or
 * searching locally. Never asks for a password: a connection without a stored credential is skipped.
 */
export class ServerCatalogCache implements vscode.Disposable {
  private readonly cache = new Map<string, { at: number; ttl: number; catalog: ServerCatalog }>();
  private readonly loading = new Map<string, Promise<ServerCatalog>>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly s: Services) {}

  /** Called when a catalog arrives, so diagnostics can be recomputed with the server's commands. */
  onDidLoad(listener: () => void): vscode.Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The cached catalog of the active connection (empty if none yet), starting a read if stale. */
  current(): ServerCatalog {
    const active = this.s.connection.active;
    if (active.kind !== 'splunk') return EMPTY;
    const hit = this.cache.get(active.profile.id);
    if (!hit || Date.now() - hit.at > hit.ttl) void this.load(active.profile);
    return hit?.catalog ?? EMPTY;
  }

  /** The catalog once read (or the cached one), for a request that can wait a little. */
  async ready(waitMs: number): Promise<ServerCatalog> {
    const active = this.s.connection.active;
    if (active.kind !== 'splunk') return EMPTY;
    const hit = this.cache.get(active.profile.id);
    if (hit && Date.now() - hit.at <= hit.ttl) return hit.catalog;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<ServerCatalog>((resolve) => { timer = setTimeout(() => resolve(hit?.catalog ?? EMPTY), waitMs); });
    try {
      return await Promise.race([this.load(active.profile), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private load(profile: ConnectionProfile): Promise<ServerCatalog> {
    const pending = this.loading.get(profile.id);
    if (pending) return pending;
    const p = this.read(profile)
      .then((catalog) => {
        this.cache.set(profile.id, { at: Date.now(), ttl: FRESH_MS, catalog });
        return catalog;
      }, (e: unknown) => {
        this.s.log.info(`Completion: could not read the catalog of ${profile.label} (${(e as Error).message}); none used until it can be read.`);
        this.cache.set(profile.id, { at: Date.now(), ttl: RETRY_MS, catalog: EMPTY });
        return EMPTY;
      })
      .finally(() => {
        this.loading.delete(profile.id);
        for (const l of this.listeners) l();
      });
    this.loading.set(profile.id, p);
    return p;
  }

  private async read(profile: ConnectionProfile): Promise<ServerCatalog> {
    if (!(await this.s.credentials.get(profile))) throw new Error('not signed in');
    const resolved = await splunkBackend({ credentials: this.s.credentials, log: this.s.log, settings: this.s.settings.current }, profile);
    if (!resolved || !(resolved.backend instanceof SplunkBackend)) throw new Error('no Splunk connection');
    const backend = resolved.backend;
    const signal = AbortSignal.timeout(REQUEST_BUDGET_MS);
    try {
      // Each part on its own: a server that refuses one (no capability to list macros) still gives the rest.
      const [indexes, commands, macros, sourcetypes] = await Promise.allSettled([
        backend.getJson(CATALOG_PATHS.indexes, signal).then(indexNames),
        backend.getJson(CATALOG_PATHS.commands, signal).then(commandNames),
        backend.getJson(CATALOG_PATHS.macros, signal).then((b) => macroDefinitions(b, profile.label)),
        this.sourcetypes(backend, signal),
      ]);
      if ([indexes, commands, macros, sourcetypes].every((r) => r.status === 'rejected')) throw (indexes as PromiseRejectedResult).reason;
      return {
        indexes: indexes.status === 'fulfilled' ? indexes.value : [],
        commands: commands.status === 'fulfilled' && commands.value.length > 0 ? new Set(commands.value) : undefined,
        macros: macros.status === 'fulfilled' ? macros.value : [],
        sourcetypes: sourcetypes.status === 'fulfilled' ? sourcetypes.value : [],
      };
    } finally {
      backend.dispose();
    }
  }

  private async sourcetypes(backend: SplunkBackend, signal: AbortSignal): Promise<string[]> {
    const values: Cell[] = [];
    for await (const e of backend.run(SOURCETYPES_SEARCH, { maxResults: MAX_ENTRIES, earliestTime: '0' }, signal)) {
      if (e.kind !== 'page' || e.preview) continue;
      const col = e.fields.indexOf('sourcetype');
      if (col !== -1) for (const row of e.rows) values.push(row[col] ?? null);
    }
    return distinctStrings(values);
  }

  dispose(): void {
    this.listeners.clear();
    this.cache.clear();
  }
}
