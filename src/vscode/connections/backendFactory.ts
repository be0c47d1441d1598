import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ResolvedBackend } from '../../search/backend';
import type { ConnectionProfile } from '../../search/connections/profile';
import { LocalBackend, type LocalBackendOptions } from '../../search/local';
import { loadMacroFiles } from '../../search/local/macroFiles';
import { SplunkBackend, type TlsProfile } from '../../search/splunk';
import { writeSampleData } from '../../search/local/sampleData';
import { readProxySettings } from '../config';
import { knownSecrets } from '../logger';
import type { Settings } from '../config';
import type { CredentialStore } from './secretStore';
import type { Logger } from '../logger';
import { promptForSecret } from './prompts';

export const SAMPLE_EVENTS = 20_000;
export const SAMPLE_SEED = 7;

/** Where the sample data set is (or will be) in the extension's storage. */
export function sampleDataPath(storage: vscode.Uri): string {
  return vscode.Uri.joinPath(storage, `sysmon-sample-${SAMPLE_SEED}-${SAMPLE_EVENTS}.jsonl`).fsPath;
}

/** The sample data set, generated once into the extension's storage. */
export async function ensureSampleData(storage: vscode.Uri): Promise<string> {
  await mkdir(storage.fsPath, { recursive: true });
  const file = sampleDataPath(storage);
  if (!existsSync(file)) await writeSampleData(file, SAMPLE_EVENTS, SAMPLE_SEED);
  return file;
}

/**
 * The local engine's own settings: macro files (expanded before a local run) and the lookups folder.
 * A workspace may set them: they only change what the local engine reads on this machine, and the
 * only write (outputlookup) is confirmed before the run.
 */
async function localEngineOptions(settings: Settings): Promise<LocalBackendOptions> {
  const macroFiles = settings.localMacroFiles;
  const folder = settings.localLookupsFolder;
  return {
    ...(macroFiles.length > 0 ? { macros: await loadMacroFiles(macroFiles) } : {}),
    ...(folder !== '' ? { lookupsFolder: folder } : {}),
  };
}

/** The built-in engine over the configured files, or over the sample data kept in `storage`. */
export async function localBackend(settings: Settings, storage: vscode.Uri): Promise<ResolvedBackend> {
  const configured = settings.localDataFiles;
  const files = configured.length > 0 ? configured : [await ensureSampleData(storage)];
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) throw new Error(`Local data file not found: ${missing.join(', ')}. Check the setting splWorkbench.local.dataFiles.`);
  return { backend: new LocalBackend(files, await localEngineOptions(settings)), label: configured.length ? 'local engine' : 'local engine (sample data)' };
}

/** A Splunk backend for a profile; asks for the credential when none is stored. Undefined = user gave up. */
export async function splunkBackend(
  deps: { credentials: CredentialStore; log: Logger; settings: Settings },
  profile: ConnectionProfile,
): Promise<ResolvedBackend | undefined> {
  const { credentials, log, settings } = deps;
  let secret = await credentials.get(profile);
  if (!secret) {
    if (!(await promptForSecret(profile, credentials))) return undefined;
    secret = await credentials.get(profile);
    if (!secret) return undefined;
  }
  const backend = new SplunkBackend(
    {
      url: profile.url,
      auth: profile.auth === 'token' ? { kind: 'token', token: secret } : { kind: 'password', username: profile.username!, password: secret },
      tls: await tlsProfile(profile),
      ...(profile.app ? { app: profile.app } : {}),
      ...(profile.owner ? { owner: profile.owner } : {}),
    },
    {
      logger: log, redactor: knownSecrets, label: profile.label, proxy: profile.proxy === 'direct' ? undefined : readProxySettings(),
      jobTimeoutMs: settings.jobTimeoutMinutes * 60_000, previewWhileRunning: settings.previewWhileRunning,
      keepFinishedJobs: settings.keepFinishedJobs,
    },
  );
  return { backend, label: profile.label, profileId: profile.id };
}

async function tlsProfile(profile: ConnectionProfile): Promise<TlsProfile> {
  switch (profile.tls) {
    case 'caBundle':
      try {
        return { mode: 'caBundle', caPem: await readFile(profile.caBundlePath!, 'utf8') };
      } catch (e) {
        throw new Error(`Cannot read the CA bundle ${profile.caBundlePath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Edit the connection to choose another file.`, { cause: e });
      }
    case 'fingerprint':
      return { mode: 'fingerprint', sha256: profile.fingerprint! };
    case 'insecure':
      return { mode: 'insecure' };
    default:
      return { mode: 'system' };
  }
}
