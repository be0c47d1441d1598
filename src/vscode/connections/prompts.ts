import * as vscode from 'vscode';
import { proxyFor } from '../../net/proxy';
import { type ConnectionProfile, normaliseFingerprint, parseProfile, ProfileError } from '../../search/connections/profile';
import { readProxySettings } from '../config';
import type { CredentialStore } from './secretStore';

/** Asks for the secret of a profile with a password box and stores it. Returns false if the user gave up. */
export async function promptForSecret(profile: ConnectionProfile, credentials: CredentialStore, reason?: string): Promise<boolean> {
  const what = profile.auth === 'token' ? 'authentication token' : `password for ${profile.username ?? 'the user'}`;
  const value = await vscode.window.showInputBox({
    title: `Sign in to ${profile.label}`,
    prompt: `${reason ? reason + ' ' : ''}Enter the ${what} for ${profile.url}. It is kept in VS Code's SecretStorage and only ever sent to this server.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Required' : undefined),
  });
  if (value === undefined) return false;
  await credentials.set(profile, value.trim());
  return true;
}

/** Walks the user through a profile's fields; `start` pre-fills them when editing. */
export async function promptForProfile(start: Partial<ConnectionProfile>, existingIds: string[]): Promise<ConnectionProfile | undefined> {
  const url = await vscode.window.showInputBox({
    title: 'Splunk server',
    prompt: 'Management URL of the Splunk server (the REST port, usually 8089)',
    value: start.url ?? 'https://',
    placeHolder: 'https://splunk.example.com:8089',
    ignoreFocusOut: true,
    validateInput: (v) => {
      try {
        parseProfile({ id: 'x', label: 'x', url: v.trim(), auth: 'token' });
        return undefined;
      } catch (e) {
        return e instanceof ProfileError ? e.message.replace(/^Connection "x": /, '') : 'Not a URL';
      }
    },
  });
  if (url === undefined) return undefined;
  const label = await vscode.window.showInputBox({
    title: 'Splunk server',
    prompt: 'A name for this connection',
    value: start.label ?? new URL(url.trim()).hostname,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Required'),
  });
  if (label === undefined) return undefined;
  const authPick = await vscode.window.showQuickPick(
    [
      { label: 'Authentication token', description: 'Bearer token (Settings > Tokens in Splunk Web)', value: 'token' as const },
      { label: 'User name and password', value: 'password' as const },
    ],
    { title: 'How do you sign in?', ignoreFocusOut: true },
  );
  if (!authPick) return undefined;
  let username: string | undefined;
  if (authPick.value === 'password') {
    username = await vscode.window.showInputBox({ title: 'User name', value: start.username ?? '', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Required') });
    if (username === undefined) return undefined;
  }
  const tlsPick = await vscode.window.showQuickPick(
    [
      { label: 'Verify with the system certificate store', description: 'recommended', value: 'system' as const },
      { label: 'Verify with a CA bundle file…', description: 'your organisation\'s CA in PEM', value: 'caBundle' as const },
      { label: 'Pin the certificate\'s SHA-256 fingerprint…', description: 'for a self-signed server certificate', value: 'fingerprint' as const },
      { label: 'Do not verify the certificate', description: 'unsafe: anyone on the network path can read your credentials', value: 'insecure' as const },
    ],
    { title: 'How should the server\'s certificate be checked?', ignoreFocusOut: true },
  );
  if (!tlsPick) return undefined;
  const profile: Record<string, unknown> = {
    id: start.id ?? uniqueId(label, existingIds),
    label: label.trim(),
    url: url.trim(),
    auth: authPick.value,
    username,
    tls: tlsPick.value,
    app: start.app,
    owner: start.owner,
  };
  if (tlsPick.value === 'caBundle') {
    const files = await vscode.window.showOpenDialog({ title: 'CA bundle (PEM)', canSelectMany: false, filters: { 'PEM certificates': ['pem', 'crt', 'cer'], 'All files': ['*'] } });
    if (!files?.[0]) return undefined;
    profile.caBundlePath = files[0].fsPath;
  }
  if (tlsPick.value === 'fingerprint') {
    const fp = await vscode.window.showInputBox({
      title: 'Certificate fingerprint',
      prompt: 'SHA-256 fingerprint of the server certificate (e.g. from `openssl x509 -noout -fingerprint -sha256`)',
      value: start.fingerprint ?? '',
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          normaliseFingerprint(v);
          return undefined;
        } catch (e) {
          return (e as Error).message;
        }
      },
    });
    if (fp === undefined) return undefined;
    profile.fingerprint = fp;
  }
  const proxy = await promptForProxy(url.trim(), start.proxy);
  if (proxy === null) return undefined;
  if (proxy) profile.proxy = proxy;
  if (tlsPick.value === 'insecure') {
    const ok = await vscode.window.showWarningMessage(
      'Turn off certificate verification for this connection?',
      { modal: true, detail: 'Anyone able to intercept the connection can read your token or password. Prefer a CA bundle or a pinned fingerprint.' },
      'Turn Off Verification',
    );
    if (ok !== 'Turn Off Verification') return undefined;
  }
  return parseProfile(profile);
}

/**
 * Asked only when VS Code's proxy settings would send this server through a proxy. Undefined: use
 * them; null: the user gave up.
 */
async function promptForProxy(url: string, current: 'direct' | undefined): Promise<'direct' | undefined | null> {
  let route;
  try {
    route = proxyFor(new URL(url), readProxySettings());
  } catch {
    route = undefined;
  }
  if (!route) return current;
  const items = [
    { label: `Through the proxy ${route.url.origin}`, description: 'VS Code\'s proxy settings; TLS runs end to end inside a CONNECT tunnel', value: undefined },
    { label: 'Connect directly', description: 'ignore the proxy for this server', value: 'direct' as const },
  ];
  if (current === 'direct') items.reverse();
  const pick = await vscode.window.showQuickPick(items, { title: 'How should SPL Workbench reach this server?', ignoreFocusOut: true });
  return pick ? pick.value : null;
}

function uniqueId(label: string, existing: string[]): string {
  const base = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'splunk';
  let id = base;
  for (let i = 2; existing.includes(id) || id === 'local'; i++) id = `${base}-${i}`;
  return id;
}
