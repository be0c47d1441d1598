import * as vscode from 'vscode';

/** Owns what it registers; disposing it disposes them all, newest first. */
export class DisposableStore implements vscode.Disposable {
  private readonly items: vscode.Disposable[] = [];
  private disposed = false;

  add<T extends vscode.Disposable>(item: T): T {
    if (this.disposed) {
      item.dispose();
    } else {
      this.items.push(item);
    }
    return item;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.items.length) {
      try {
        this.items.pop()!.dispose();
      } catch {
        // One failing dispose must not keep the others alive.
      }
    }
  }
}
