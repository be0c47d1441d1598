import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { parseSearchMode, SEARCH_MODES } from '../../search/searchMode';
import type { SearchModeState } from '../time/searchModeState';

export function registerChooseSearchModeCommand(state: SearchModeState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.chooseSearchMode, async (arg?: unknown) => {
    if (arg !== undefined) {
      const mode = parseSearchMode(arg);
      if (!mode) throw new Error('A search mode is fast, smart or verbose.');
      return state.set(mode);
    }
    const pick = await vscode.window.showQuickPick(
      SEARCH_MODES.map((m) => ({ label: m.label, description: m.mode === state.current ? 'current' : '', detail: m.detail, mode: m.mode })),
      { title: 'Search mode for Splunk searches (adhoc_search_level)' },
    );
    if (pick) await state.set(pick.mode);
  });
}
