import type * as vscode from 'vscode';
import { knownSecrets } from '../logger';

/**
 * The VirusTotal API key, in SecretStorage only, under the origin it was entered for: changing
 * `virusTotal.apiUrl` to another host finds no key there, so a key is never sent to a host it was
 * not typed in for.
 */
export class VirusTotalKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private static key(origin: string): string {
    return `splWorkbench.virusTotal.apiKey:${origin}`;
  }

  async get(origin: string): Promise<string | undefined> {
    const value = await this.secrets.get(VirusTotalKeyStore.key(origin));
    knownSecrets.add(value);
    return value;
  }

  async set(origin: string, value: string): Promise<void> {
    knownSecrets.add(value);
    await this.secrets.store(VirusTotalKeyStore.key(origin), value);
  }

  async delete(origin: string): Promise<void> {
    await this.secrets.delete(VirusTotalKeyStore.key(origin));
  }
}
