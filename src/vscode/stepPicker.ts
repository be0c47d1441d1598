import * as vscode from 'vscode';

/**
 * Several questions in one quick pick that stays open, busy, after the last answer until it is
 * disposed. Why: when a quick pick closes, VS Code gives focus back to what had it, and when that
 * is a webview the focus arrives late, after a save dialog shown next has opened; in VS Code for the
 * Web and code-server that dialog is itself a quick input, and losing focus closes it (the export
 * silently did nothing). A quick input shown while another is open replaces it without that focus
 * hand-back, so callers keep the picker open across showSaveDialog and dispose of it afterwards.
 */
export class StepPicker implements vscode.Disposable {
  private readonly pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  private shown = false;

  constructor() {
    // A question in several steps should not vanish when focus wanders between them; Escape closes it.
    this.pick.ignoreFocusOut = true;
  }

  /** Shows `items` under `title`; the chosen item, or undefined if the user closed the picker. */
  ask<T extends vscode.QuickPickItem>(title: string, items: readonly T[]): Promise<T | undefined> {
    const pick = this.pick;
    pick.title = title;
    pick.items = items;
    pick.value = '';
    pick.busy = false;
    return new Promise((resolve) => {
      const subscriptions: vscode.Disposable[] = [];
      const settle = (item: T | undefined) => {
        for (const d of subscriptions) d.dispose();
        resolve(item);
      };
      subscriptions.push(
        pick.onDidAccept(() => {
          const item = pick.selectedItems[0] as T | undefined;
          if (!item) return;
          // Stay open (see above) but show that the answer was taken. Not disabled: a disabled input
          // loses focus, which closes the quick input and hands focus back, the very thing avoided.
          pick.busy = true;
          settle(item);
        }),
        pick.onDidHide(() => settle(undefined)),
      );
      if (!this.shown) {
        this.shown = true;
        pick.show();
      }
    });
  }

  dispose(): void {
    this.pick.dispose();
  }
}
