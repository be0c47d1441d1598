import * as vscode from 'vscode';
import { DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT } from '../history/historyStore';
import type { ProxySettings } from '../net/proxy';
import { DEFAULT_SEARCH_MODE, parseSearchMode, type SearchMode } from '../search/searchMode';
import { type ConnectionProfile, parseProfile, ProfileError } from '../search/connections/profile';

export const SECTION = 'splWorkbench';
export const LOCAL_CONNECTION_ID = 'local';

export interface Settings {
  maxResults: number;
  pageSize: number;
  defaultTimeRange: string;
  jobTimeoutMinutes: number;
  previewWhileRunning: boolean;
  reusePanel: 'perDocument' | 'perRun';
  splitHashColumns: boolean;
  hashCase: 'upper' | 'lower';
  neutraliseFormulas: boolean;
  multivalueSeparator: string;
  exportBom: boolean;
  localDataFiles: string[];
  /** macros.conf or JSON macro files the local engine expands. */
  localMacroFiles: string[];
  /** Folder of CSV lookups for the local engine; empty = none. */
  localLookupsFolder: string;
  defaultSearchMode: SearchMode;
  keepFinishedJobs: boolean;
  historyLimit: number;
  historyKeepResultsRuns: number;
  historyKeepResultsRows: number;
}

function clamp(n: unknown, min: number, max: number, fallback: number): number {
  return typeof n === 'number' && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.floor(n))) : fallback;
}

/**
 * The user's own value of an application-scoped setting. VS Code already drops workspace values of such
 * settings from `get`, but reading `globalValue` does not rely on that (nor on the folder's trust).
 */
function userValue<T>(c: vscode.WorkspaceConfiguration, key: string): T | undefined {
  return c.inspect<T>(key)?.globalValue;
}

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration(SECTION);
  // These two decide whether an export is safe to open in a spreadsheet: a cloned repository must not.
  const neutralise = userValue<unknown>(c, 'export.neutraliseFormulas');
  const separator = userValue<unknown>(c, 'export.multivalueSeparator');
  return {
    maxResults: clamp(c.get('maxResults'), 1, 10_000_000, 100_000),
    pageSize: clamp(c.get('pageSize'), 100, 50_000, 50_000),
    defaultTimeRange: c.get<string>('defaultTimeRange', '') ?? '',
    jobTimeoutMinutes: clamp(c.get('jobTimeoutMinutes'), 1, 24 * 60, 30),
    previewWhileRunning: c.get<boolean>('previewWhileRunning', true) !== false,
    reusePanel: c.get('results.reusePanel') === 'perRun' ? 'perRun' : 'perDocument',
    splitHashColumns: c.get<boolean>('hashes.splitColumns', true) !== false,
    hashCase: c.get('hashes.case') === 'lower' ? 'lower' : 'upper',
    neutraliseFormulas: neutralise !== false,
    multivalueSeparator: typeof separator === 'string' ? separator : '\n',
    exportBom: c.get<boolean>('export.bom', false) === true,
    localDataFiles: (c.get<unknown[]>('local.dataFiles', []) ?? []).filter((f): f is string => typeof f === 'string'),
    localMacroFiles: (c.get<unknown[]>('local.macroFiles', []) ?? []).filter((f): f is string => typeof f === 'string' && f !== ''),
    localLookupsFolder: typeof c.get<unknown>('local.lookupsFolder') === 'string' ? c.get<string>('local.lookupsFolder', '') : '',
    defaultSearchMode: parseSearchMode(c.get('defaultSearchMode')) ?? DEFAULT_SEARCH_MODE,
    keepFinishedJobs: c.get<boolean>('splunk.keepFinishedJobs', false) === true,
    historyLimit: clamp(c.get('history.limit'), 1, MAX_HISTORY_LIMIT, DEFAULT_HISTORY_LIMIT),
    historyKeepResultsRuns: clamp(c.get('history.keepResultsOfRuns'), 0, 50, 5),
    historyKeepResultsRows: clamp(c.get('history.keepResultsRowBudget'), 0, 10_000_000, 1_000_000),
  };
}

/** Profiles come from the user's own settings only, so a workspace can never add a host that receives a credential. */
export function readProfiles(): { profiles: ConnectionProfile[]; problems: string[] } {
  const raw = userValue<unknown[]>(vscode.workspace.getConfiguration(SECTION), 'connections') ?? [];
  const profiles: ConnectionProfile[] = [];
  const problems: string[] = [];
  for (const entry of Array.isArray(raw) ? raw : []) {
    try {
      const p = parseProfile(entry);
      if (profiles.some((q) => q.id === p.id)) throw new ProfileError(`Two connections share the id "${p.id}".`);
      profiles.push(p);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { profiles, problems };
}

const PROXY_SUPPORT = ['override', 'fallback', 'on', 'off'] as const;

/**
 * VS Code's proxy settings as the transport uses them (src/net/proxy.ts), from the user's settings
 * only: a workspace must not be able to route a connection through its own proxy.
 */
export function readProxySettings(): ProxySettings {
  const c = vscode.workspace.getConfiguration('http');
  const support = userValue<string>(c, 'proxySupport');
  const noProxy = userValue<unknown[]>(c, 'noProxy');
  return {
    support: PROXY_SUPPORT.find((m) => m === support) ?? 'override',
    proxy: String(userValue<string>(c, 'proxy') ?? ''),
    noProxy: Array.isArray(noProxy) ? noProxy.filter((e): e is string => typeof e === 'string') : [],
    proxyAuthorization: userValue<string | null>(c, 'proxyAuthorization') ?? undefined,
    strictSSL: userValue<boolean>(c, 'proxyStrictSSL') !== false,
    env: process.env,
  };
}

export interface VirusTotalSettings {
  apiUrl: string;
  requestsPerMinute: number;
  dailyQuota: number;
  foundCacheMs: number;
  notFoundCacheMs: number;
}

/**
 * From the user's settings only, like the connection profiles: the URL decides where the API key
 * goes, and the rate and quota decide how fast a key's allowance is spent; no repository may set them.
 */
export function readVirusTotalSettings(): VirusTotalSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  return {
    apiUrl: String(userValue<string>(c, 'virusTotal.apiUrl') ?? 'https://www.virustotal.com/api/v3'),
    requestsPerMinute: clamp(userValue(c, 'virusTotal.requestsPerMinute'), 1, 10_000, 4),
    dailyQuota: clamp(userValue(c, 'virusTotal.dailyQuota'), 1, 10_000_000, 500),
    foundCacheMs: clamp(userValue(c, 'virusTotal.cacheFoundDays'), 0, 3650, 7) * 86_400_000,
    notFoundCacheMs: clamp(userValue(c, 'virusTotal.cacheNotFoundHours'), 0, 24 * 3650, 24) * 3_600_000,
  };
}

export async function writeProfiles(profiles: ConnectionProfile[]): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('connections', profiles, vscode.ConfigurationTarget.Global);
}

/** The id of the chosen place to run: `local`, a profile id, or '' before the user chose. */
export function readActiveConnectionId(): string {
  return vscode.workspace.getConfiguration(SECTION).get<string>('activeConnection', '') ?? '';
}

export async function writeActiveConnectionId(id: string): Promise<void> {
  const c = vscode.workspace.getConfiguration(SECTION);
  // A workspace value wins over the user's; update the level the current value comes from.
  const inspected = c.inspect<string>('activeConnection');
  const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await c.update('activeConnection', id, target);
}
