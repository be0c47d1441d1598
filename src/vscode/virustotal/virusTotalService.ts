import * as vscode from 'vscode';
import {
  parseApiUrl, RateLimiter, systemClock, VerdictCache, VirusTotalClient, VirusTotalError, VirusTotalLookup,
  type FileId, type LookupProgress, type LookupResult,
} from '../../virustotal';
import { readProxySettings, readVirusTotalSettings } from '../config';
import type { Logger } from '../logger';
import type { VirusTotalKeyStore } from './keyStore';
import { promptForVirusTotalKey, showFirstUseNotice } from './prompts';
import { FileCacheStore, MementoQuotaStore } from './stores';

export interface LookupReport {
  total: number;
  found: number;
  notFound: number;
  failed: number;
  fromCache: number;
  requests: number;
  /** Why the run stopped early, if it did. */
  stopped?: VirusTotalError['kind'];
}

interface PerOrigin {
  origin: string;
  cache: VerdictCache;
  limiter: RateLimiter;
}

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  const min = Math.round(ms / 60_000);
  return min < 120 ? `${min} min` : `${Math.round(min / 60)} h`;
}

function progressText(p: LookupProgress): string {
  const parts = [`${p.done} of ${p.total}`];
  if (p.fromCache > 0) parts.push(`${p.fromCache} from cache`);
  parts.push(`${p.remainingToday} requests left today`);
  if (p.pausedMs) parts.push(`paused ${duration(p.pausedMs)}: VirusTotal said quota exceeded`);
  else if (p.done < p.total) parts.push(`about ${duration(p.etaMs)} to go`);
  return parts.join(' · ');
}

/**
 * Runs lookups for the commands and holds the answers the views show. The key is read from the
 * key store for the configured origin and handed only to the client; TLS is always the system
 * trust store, proxies are VS Code's.
 */
export class VirusTotalService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private perOrigin: PerOrigin | undefined;
  private failures = new Map<string, LookupResult>();
  private running: Promise<LookupReport | undefined> | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: Logger, readonly keys: VirusTotalKeyStore) {
    try {
      // Loads the cache, so earlier answers show before any lookup.
      this.state();
    } catch {
      // A bad apiUrl is reported when the user looks something up.
    }
  }

  /** The configured origin; throws a VirusTotalError naming the problem with the setting. */
  origin(): string {
    return parseApiUrl(readVirusTotalSettings().apiUrl).origin;
  }

  /** The configured origin, or undefined after telling the user what is wrong with the setting. */
  originOrReport(): string | undefined {
    try {
      return this.origin();
    } catch (e) {
      void vscode.window.showErrorMessage((e as Error).message);
      return undefined;
    }
  }

  private state(): PerOrigin {
    const settings = readVirusTotalSettings();
    const origin = parseApiUrl(settings.apiUrl).origin;
    const limits = { perMinute: settings.requestsPerMinute, perDay: settings.dailyQuota };
    const lifetimes = { foundMs: settings.foundCacheMs, notFoundMs: settings.notFoundCacheMs };
    if (this.perOrigin?.origin !== origin) {
      this.perOrigin = {
        origin,
        cache: new VerdictCache(new FileCacheStore(this.context.globalStorageUri.fsPath, origin), lifetimes),
        limiter: new RateLimiter(new MementoQuotaStore(this.context.globalState, origin), systemClock, limits),
      };
      this.failures.clear();
      void this.perOrigin.cache.load().then(() => this.changed.fire());
    }
    this.perOrigin.limiter.setLimits(limits);
    this.perOrigin.cache.setLifetimes(lifetimes);
    return this.perOrigin;
  }

  /** The answer the views show for a hash (any case), however old; undefined when never looked up. */
  answerFor(hash: string): LookupResult | undefined {
    const key = hash.toLowerCase();
    const cached = this.perOrigin?.cache.peek(key);
    return cached ? { ...cached, fromCache: true } : this.failures.get(key);
  }

  /** True once any answer is known for the configured origin (cached or from this session). */
  get hasAnswers(): boolean {
    return (this.perOrigin?.cache.size ?? 0) > 0 || this.failures.size > 0;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Looks `ids` up with progress; one run at a time (a second call joins the first). */
  lookUp(ids: FileId[], options: { refresh?: boolean } = {}): Promise<LookupReport | undefined> {
    this.running ??= this.run(ids, options).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(ids: FileId[], options: { refresh?: boolean }): Promise<LookupReport | undefined> {
    if (!this.originOrReport()) return undefined;
    const per = this.state();
    const settings = readVirusTotalSettings();
    showFirstUseNotice(this.context.globalState, settings.requestsPerMinute, settings.dailyQuota);
    let key = await this.keys.get(per.origin) ?? await promptForVirusTotalKey(this.keys, per.origin);
    if (!key) return undefined;
    const report: LookupReport = { total: ids.length, found: 0, notFound: 0, failed: 0, fromCache: 0, requests: 0 };
    let remaining = ids;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.withProgress(per, key, remaining, options, report);
      remaining = remaining.filter((id) => !outcome.results.has(id.value));
      if (outcome.stopped?.kind !== 'key-rejected' || attempt >= 2) {
        if (outcome.stopped) report.stopped = outcome.stopped.kind;
        this.tell(report, outcome.stopped);
        return report;
      }
      this.log.warn(`VirusTotal rejected the API key for ${per.origin}.`);
      key = await promptForVirusTotalKey(this.keys, per.origin, 'VirusTotal rejected the key.');
      if (!key) {
        report.stopped = 'key-rejected';
        return report;
      }
    }
  }

  private withProgress(per: PerOrigin, key: string, ids: FileId[], options: { refresh?: boolean }, report: LookupReport) {
    const client = new VirusTotalClient({ apiUrl: readVirusTotalSettings().apiUrl, apiKey: key, tls: { mode: 'system' }, proxy: readProxySettings() });
    const lookup = new VirusTotalLookup({ source: client, limiter: per.limiter, cache: per.cache, clock: systemClock });
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'VirusTotal', cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const sub = token.onCancellationRequested(() => controller.abort());
      let shown = 0;
      try {
        return await lookup.run(ids, {
          refresh: options.refresh ?? false,
          onResult: (id, r) => {
            if (r.kind === 'failed') this.failures.set(id.value, r); else this.failures.delete(id.value);
            if (r.kind === 'found') report.found++; else if (r.kind === 'not-found') report.notFound++; else report.failed++;
            if ('fromCache' in r && r.fromCache) report.fromCache++;
          },
          onProgress: (p) => {
            report.requests = p.requests;
            const pct = p.total === 0 ? 100 : (p.done / p.total) * 100;
            progress.report({ message: progressText(p), increment: pct - shown });
            shown = pct;
            this.changed.fire();
          },
        }, controller.signal);
      } finally {
        sub.dispose();
      }
    });
  }

  private tell(report: LookupReport, stopped: VirusTotalError | undefined): void {
    const counts = `${report.found} found, ${report.notFound} not in VirusTotal${report.failed ? `, ${report.failed} failed` : ''} (${report.fromCache} from cache, ${report.requests} requests)`;
    this.log.info(`VirusTotal lookup: ${counts}${stopped ? `; stopped: ${stopped.message}` : ''}`);
    if (!stopped) {
      void vscode.window.setStatusBarMessage(`$(check) VirusTotal: ${counts}`, 5000);
    } else if (stopped.kind === 'cancelled') {
      void vscode.window.showInformationMessage(`VirusTotal lookup cancelled: ${counts}.`);
    } else {
      void vscode.window.showWarningMessage(`VirusTotal lookup stopped: ${stopped.message} So far: ${counts}.`);
    }
  }

  /** Forgets every cached answer for the configured origin. */
  async clearCache(): Promise<void> {
    await this.state().cache.clear();
    this.failures.clear();
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
