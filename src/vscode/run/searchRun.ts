import * as vscode from 'vscode';
import type { JobStatus, RunComplete, RunOptions, SearchBackend, SearchMessage } from '../../search/backend';
import { ResultStore } from '../../results/store';
import { describeError, type UserFacingError } from './describeError';

export type RunState = 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

let nextRunId = 1;

/**
 * One execution of one query: drives a backend, fills a result store page by page, and tells
 * whoever listens (status bar, results panel) what changed. Cancelling aborts the backend, which
 * cancels the job on the server.
 */
export class SearchRun implements vscode.Disposable {
  readonly id = nextRunId++;
  readonly startedAt = Date.now();
  finishedAt: number | undefined;
  state: RunState = 'starting';
  status: JobStatus | undefined;
  complete: RunComplete | undefined;
  error: UserFacingError | undefined;
  readonly messages: SearchMessage[] = [];
  readonly store = new ResultStore();
  private readonly abort = new AbortController();
  private readonly updated = new vscode.EventEmitter<{ rowsAdded: boolean }>();
  readonly onDidUpdate = this.updated.event;
  readonly finished: Promise<void>;
  /** Where the query is in its document, so edits ("Add to query") land in the right block. */
  sourceRange: vscode.Range | undefined;

  constructor(
    readonly query: string,
    readonly documentUri: vscode.Uri | undefined,
    readonly backend: SearchBackend,
    readonly options: RunOptions,
    readonly targetLabel: string,
    /** The connection profile it ran on, so errors can offer "Sign In" or "Edit Connection" for it. */
    readonly profileId?: string,
  ) {
    this.finished = this.drive();
  }

  get running(): boolean {
    return this.state === 'starting' || this.state === 'running';
  }

  get sid(): string | undefined {
    return this.status?.sid ?? this.complete?.sid;
  }

  cancel(): void {
    if (this.running) this.abort.abort();
  }

  private async drive(): Promise<void> {
    try {
      for await (const event of this.backend.run(this.query, this.options, this.abort.signal)) {
        if (event.kind === 'status') {
          this.status = event;
          this.state = 'running';
          this.mergeMessages(event.messages);
          this.updated.fire({ rowsAdded: false });
        } else if (event.kind === 'page') {
          // A page lands at its offset: final pages overwrite preview rows from the same offset on.
          this.store.append(event);
          this.updated.fire({ rowsAdded: true });
        } else {
          this.complete = event;
          this.mergeMessages(event.messages);
        }
      }
      this.state = this.abort.signal.aborted ? 'cancelled' : 'done';
    } catch (e) {
      if (this.abort.signal.aborted) {
        this.state = 'cancelled';
      } else {
        this.state = 'failed';
        this.error = describeError(e, this.profileId);
      }
    } finally {
      this.finishedAt = Date.now();
      this.updated.fire({ rowsAdded: false });
    }
  }

  private mergeMessages(messages: SearchMessage[]): void {
    for (const m of messages) {
      if (!this.messages.some((x) => x.type === m.type && x.text === m.text)) this.messages.push(m);
    }
  }

  dispose(): void {
    this.cancel();
    this.updated.dispose();
  }
}
