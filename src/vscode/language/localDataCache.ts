import { existsSync, statSync } from 'node:fs';
import type * as vscode from 'vscode';
import { localDataFacts } from '../../search/local/dataFacts';
import { loadMacroFiles } from '../../search/local/macroFiles';
import type { DocumentFacts } from '../../spl/documentFacts';
import { sampleDataPath } from '../connections/backendFactory';
import type { Services } from '../services';

type LocalFacts = Pick<DocumentFacts, 'fields' | 'indexes' | 'sourcetypes' | 'macros'>;
const NONE: LocalFacts = { fields: [], indexes: [], sourcetypes: [], macros: [] };

/**
 * The fields, indexes and sourcetypes of the local engine's data files (the configured ones, else
 * the sample data once it exists), read from the first events of each file, and the macros of
 * `local.macroFiles` (the ones the local engine expands); cached until a file or a setting changes.
 * The sample data is never generated just for completion.
 */
export class LocalDataCache implements vscode.Disposable {
  private key = '';
  private facts: LocalFacts = NONE;
  private loading: Promise<LocalFacts> | undefined;

  constructor(private readonly s: Pick<Services, 'context' | 'log' | 'settings'>) {}

  private files(): string[] {
    const configured = this.s.settings.current.localDataFiles;
    const files = configured.length > 0 ? configured : [sampleDataPath(this.s.context.globalStorageUri)];
    return files.filter((f) => existsSync(f));
  }

  private keyOf(files: string[]): string {
    return files.map((f) => `${f}:${statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0}`).join('|');
  }

  /** The facts once read (or the cached ones); reads again when the files changed. */
  async ready(): Promise<LocalFacts> {
    const files = this.files();
    const macroFiles = this.s.settings.current.localMacroFiles.filter((f) => existsSync(f));
    const key = `${this.keyOf(files)}#${this.keyOf(macroFiles)}`;
    if (key === this.key) return this.facts;
    if (this.loading) return this.loading;
    const data = localDataFacts(files).then((facts) => facts, (e: unknown) => {
      this.s.log.info(`Completion: could not read the local data files (${(e as Error).message}).`);
      return NONE;
    });
    const macros = loadMacroFiles(macroFiles).then((t) => t.all(), (e: unknown) => {
      this.s.log.info(`Completion: could not read the macro files (${(e as Error).message}).`);
      return [];
    });
    this.loading = Promise.all([data, macros])
      .then(([facts, defs]): LocalFacts => ({ ...facts, macros: defs.map((d) => ({ name: d.name, args: d.args, definition: d.definition, ...(d.source ? { source: d.source } : {}) })) }))
      .then((facts) => {
        this.key = key;
        this.facts = facts;
        return facts;
      })
      .finally(() => { this.loading = undefined; });
    return this.loading;
  }

  dispose(): void {
    this.facts = NONE;
  }
}
