import * as vscode from 'vscode';
import { type Logger, Redactor } from '../search/splunk/redact';

export type { Logger };

/** Every credential the extension has handled in this session, scrubbed from any text we show or log. */
export const knownSecrets = new Redactor();

/**
 * The extension's only log sink. Every line is redacted and folded onto one line, so neither a
 * credential nor a forged log line (a newline in attacker-controlled text) can get through.
 */
export class OutputLogger implements Logger, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;

  constructor(name = 'SPL Workbench') {
    this.channel = vscode.window.createOutputChannel(name, { log: true });
  }

  private clean(message: string): string {
    return knownSecrets.apply(message).replace(/[\r\n]+/g, ' ⏎ ');
  }

  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }
  show(): void {
    this.channel.show(true);
  }
  dispose(): void {
    this.channel.dispose();
  }
}
