import * as vscode from 'vscode';
import { isTimeModifier, PRESETS, type TimeRange } from '../../search/timeRange';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

export function registerChooseTimeRangeCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.chooseTimeRange, async (arg?: { earliest?: string; latest?: string; label?: string }) => {
    if (arg && typeof arg === 'object') {
      const earliest = String(arg.earliest ?? '');
      const latest = String(arg.latest ?? '');
      if (!isTimeModifier(earliest) || !isTimeModifier(latest)) throw new Error('Not a Splunk time modifier.');
      // A caller may name the range (the timeline names epoch times by their dates); one line, short.
      const label = typeof arg.label === 'string' ? arg.label.replace(/\s+/g, ' ').trim().slice(0, 100) : '';
      await s.timeRange.set(PRESETS.find((p) => p.earliest === earliest && p.latest === latest) ?? { label: label || `${earliest || 'all'} to ${latest || 'now'}`, earliest, latest });
      return;
    }
    const items: (vscode.QuickPickItem & { range?: TimeRange })[] = [
      ...PRESETS.map((range) => ({ label: range.label, description: range.earliest ? `earliest=${range.earliest} latest=${range.latest}` : '', range, picked: range.label === s.timeRange.current.label })),
      { label: 'Custom…', description: 'any earliest/latest time modifiers' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Time range for searches' });
    if (!pick) return;
    if (pick.range) return s.timeRange.set(pick.range);
    const validate = (v: string) => (isTimeModifier(v) ? undefined : 'A time modifier such as -24h@h, -7d, @d, now, an epoch time or an ISO date');
    const earliest = await vscode.window.showInputBox({ title: 'Earliest time', value: s.timeRange.current.earliest || '-24h@h', validateInput: validate });
    if (earliest === undefined) return;
    const latest = await vscode.window.showInputBox({ title: 'Latest time', value: s.timeRange.current.latest || 'now', validateInput: validate });
    if (latest === undefined) return;
    await s.timeRange.set({ label: `${earliest.trim() || 'all'} to ${latest.trim() || 'now'}`, earliest: earliest.trim(), latest: latest.trim() });
  });
}
