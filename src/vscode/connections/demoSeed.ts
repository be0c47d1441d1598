import { readFile, rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import { decideDemoConnection, DEMO_CONNECTION_ENV, demoTicketPath } from '../../search/connections/demoConnection';
import type { ConnectionProfile } from '../../search/connections/profile';
import type { Logger } from '../logger';

export interface DemoConnection {
  profile: ConnectionProfile;
  secret: string;
}

/**
 * The connection `npm run demo` hands over, if this activation is the demo's own launch: the ticket it
 * names is consumed here, so later activations (reloads, other windows) ignore the environment.
 */
export async function takeDemoConnection(log: Logger): Promise<DemoConnection | undefined> {
  const raw = process.env[DEMO_CONNECTION_ENV];
  const ticketPath = demoTicketPath(raw);
  const ticket = ticketPath ? await readFile(ticketPath, 'utf8').catch(() => undefined) : undefined;
  const decision = decideDemoConnection(raw, ticket);
  if (decision.kind === 'none') return undefined;
  if (decision.kind === 'refused') {
    log.warn(`Ignored ${DEMO_CONNECTION_ENV}: ${decision.reason}.`);
    // A missing ticket is the normal case after the first activation; only a broken launch is worth a notification.
    if (ticket !== undefined) void vscode.window.showWarningMessage('SPL Workbench: the demo connection could not be set up; see the log.');
    return undefined;
  }
  // Only a matching ticket is removed: the path comes from the environment, and nothing else is ours to delete.
  await rm(ticketPath!, { force: true });
  log.info(`Demo connection to ${decision.profile.url} set up for this session (not saved).`);
  return { profile: decision.profile, secret: decision.secret };
}
