import * as vscode from 'vscode';
import { redact } from '../search/redact';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

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
    return redact(message).replace(/[\r\n]+/g, ' ⏎ ');
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
