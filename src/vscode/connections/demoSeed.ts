import * as vscode from 'vscode';
import { parseProfile } from '../../search/connections/profile';
import { readProfiles, writeActiveConnectionId, writeProfiles } from '../config';
import type { Logger } from '../logger';
import type { CredentialStore } from './secretStore';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `npm run demo` starts the project's own server on loopback and hands its connection to the
 * extension through the environment of the VS Code it launches. Only a loopback URL is accepted,
 * the credential goes straight into SecretStorage, and a workspace cannot set environment variables.
 */
export async function seedDemoConnection(credentials: CredentialStore, log: Logger): Promise<void> {
  const raw = process.env.SPL_WORKBENCH_DEMO_CONNECTION;
  if (!raw) return;
  try {
    const spec = JSON.parse(raw) as { url: string; username?: string; password?: string; token?: string; fingerprint?: string };
    const host = new URL(spec.url).hostname;
    if (!LOOPBACK.has(host)) throw new Error('the demo connection must point at this machine');
    const profile = parseProfile({
      id: 'demo',
      label: 'Demo server (local)',
      url: spec.url,
      auth: spec.token ? 'token' : 'password',
      username: spec.username,
      tls: spec.fingerprint ? 'fingerprint' : 'system',
      fingerprint: spec.fingerprint,
    });
    const secret = spec.token ?? spec.password;
    if (!secret) throw new Error('no credential given');
    await credentials.set(profile, secret);
    const { profiles } = readProfiles();
    await writeProfiles([...profiles.filter((p) => p.id !== 'demo'), profile]);
    await writeActiveConnectionId('demo');
    log.info(`Demo connection to ${profile.url} set up.`);
  } catch (e) {
    log.warn(`Ignored SPL_WORKBENCH_DEMO_CONNECTION: ${(e as Error).message}`);
    void vscode.window.showWarningMessage('SPL Workbench: the demo connection could not be set up; see the log.');
  }
}
