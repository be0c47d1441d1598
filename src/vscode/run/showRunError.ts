import * as vscode from 'vscode';
import { inertNotificationText } from '../../search/notificationText';
import type { UserFacingError } from './describeError';

export async function showRunError(error: UserFacingError): Promise<void> {
  const text = error.detail && !error.message.includes(error.detail) ? `${error.message} ${error.detail}` : error.message;
  // Splunk's words (and workspace paths) stay readable but can never become a clickable command link.
  const choice = await vscode.window.showErrorMessage(inertNotificationText(text), ...error.actions.map((a) => a.title));
  const action = error.actions.find((a) => a.title === choice);
  if (action) await vscode.commands.executeCommand(action.command, ...(action.args ?? []));
}
