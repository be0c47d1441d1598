import type * as vscode from 'vscode';
import { type ConnectionProfile, secretKey } from '../../search/connections/profile';
import { knownSecrets } from '../logger';

/** The one place that reads and writes credentials; everything else asks it. */
export class CredentialStore {
  /**
   * Credentials of session-only profiles (the demo's), by profile object: they never reach SecretStorage,
   * where they would replace the user's own secret for the same origin.
   */
  private readonly sessionOnly = new WeakMap<ConnectionProfile, string>();

  constructor(private readonly secrets: vscode.SecretStorage) {}

  holdForSession(profile: ConnectionProfile, value: string): void {
    knownSecrets.add(value);
    this.sessionOnly.set(profile, value);
  }

  async get(profile: ConnectionProfile): Promise<string | undefined> {
    if (this.sessionOnly.has(profile)) return this.sessionOnly.get(profile);
    const value = await this.secrets.get(secretKey(profile));
    knownSecrets.add(value);
    return value;
  }

  async set(profile: ConnectionProfile, value: string): Promise<void> {
    knownSecrets.add(value);
    if (this.sessionOnly.has(profile)) this.sessionOnly.set(profile, value);
    else await this.secrets.store(secretKey(profile), value);
  }

  async delete(profile: ConnectionProfile): Promise<void> {
    if (this.sessionOnly.has(profile)) this.sessionOnly.delete(profile);
    else await this.secrets.delete(secretKey(profile));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange(listener);
  }
}
