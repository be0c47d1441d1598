import * as vscode from 'vscode';
import { normaliseFingerprint } from '../../search/connections/profile';
import { readProfiles, writeProfiles } from '../config';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

/**
 * Offered by a TLS error: pin the certificate the server presented, after the user compared the
 * fingerprint with the one the Splunk administrator gave them. Never pins silently.
 */
export function registerPinCertificateCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.pinCertificate, async (profileId?: string, fingerprint?: string) => {
    const profile = readProfiles().profiles.find((p) => p.id === profileId);
    if (!profile || typeof fingerprint !== 'string') return false;
    const fp = normaliseFingerprint(fingerprint);
    const ok = await vscode.window.showWarningMessage(
      `Trust the certificate of ${profile.url} from now on?`,
      {
        modal: true,
        detail: `SHA-256 fingerprint:\n${fp}\n\nCompare it with the fingerprint your Splunk administrator gives you (openssl x509 -noout -fingerprint -sha256). If they differ, someone may be intercepting the connection.`,
      },
      'Trust This Certificate',
    );
    if (ok !== 'Trust This Certificate') return false;
    const { profiles } = readProfiles();
    await writeProfiles(profiles.map((p) => (p.id === profile.id ? { ...p, tls: 'fingerprint', fingerprint: fp } : p)));
    s.log.info(`Pinned the certificate of ${profile.url} (${fp}).`);
    return true;
  });
}
