import type * as vscode from 'vscode';
import { type ConnectionProfile, secretKey } from '../../search/connections/profile';
import { knownSecrets } from '../logger';

/** The one place that reads and writes credentials; everything else asks it. */
export class CredentialStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(profile: ConnectionProfile): Promise<string | undefined> {
    const value = await this.secrets.get(secretKey(profile));
    knownSecrets.add(value);
    return value;
  }

  async set(profile: ConnectionProfile, value: string): Promise<void> {
    knownSecrets.add(value);
    await this.secrets.store(secretKey(profile), value);
  }

  async delete(profile: ConnectionProfile): Promise<void> {
    await this.secrets.delete(secretKey(profile));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange(listener);
  }
}
