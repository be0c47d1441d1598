/** Where the rate limiter and the verdict cache keep their state: globalState and globalStorage. */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { CacheStore, CachedAnswer, QuotaState, QuotaStore } from '../../virustotal';

/** Per origin: the test server's allowance is not the real API's. */
export class MementoQuotaStore implements QuotaStore {
  constructor(private readonly memento: vscode.Memento, private readonly origin: string) {}
  private get key(): string { return `splWorkbench.virusTotal.quota:${this.origin}`; }
  read(): QuotaState | undefined { return this.memento.get<QuotaState>(this.key); }
  async write(state: QuotaState): Promise<void> { await this.memento.update(this.key, state); }
}

/** A JSON file in the extension's global storage, one per origin, replaced atomically. */
export class FileCacheStore implements CacheStore {
  private readonly file: string;

  constructor(folder: string, origin: string) {
    this.file = path.join(folder, `virustotal-cache-${createHash('sha256').update(origin).digest('hex').slice(0, 16)}.json`);
  }

  async load(): Promise<Record<string, CachedAnswer> | undefined> {
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, CachedAnswer> : undefined;
    } catch {
      return undefined;
    }
  }

  async save(entries: Record<string, CachedAnswer>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(entries), 'utf8');
      await rename(temp, this.file);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e;
    }
  }
}
