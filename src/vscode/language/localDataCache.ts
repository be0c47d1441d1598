import { existsSync, statSync } from 'node:fs';
import type * as vscode from 'vscode';
import { localDataFacts } from '../../search/local/dataFacts';
import type { DocumentFacts } from '../../spl/documentFacts';
import { sampleDataPath } from '../connections/backendFactory';
import type { Services } from '../services';

type LocalFacts = Pick<DocumentFacts, 'fields' | 'indexes' | 'sourcetypes'>;
const NONE: LocalFacts = { fields: [], indexes: [], sourcetypes: [] };

/**
 * The fields, indexes and sourcetypes of the local engine's data files (the configured ones, else
 * the sample data once it exists), read from the first events of each file and cached until a file
 * or the setting changes. The sample data is never generated just for completion.
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
    const key = this.keyOf(files);
    if (key === this.key) return this.facts;
    if (this.loading) return this.loading;
    this.loading = localDataFacts(files)
      .then((facts) => facts, (e: unknown) => {
        this.s.log.info(`Completion: could not read the local data files (${(e as Error).message}).`);
        return NONE;
      })
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
