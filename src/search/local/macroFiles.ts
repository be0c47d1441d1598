/** Reads the macro files named in splWorkbench.local.macroFiles into one table; later files win. */
import { readFile } from 'node:fs/promises';
import { MacroTable, parseMacroFile } from '../../spl/macros';

export async function loadMacroFiles(paths: readonly string[]): Promise<MacroTable> {
  const table = new MacroTable();
  for (const p of paths) {
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch (e) {
      throw new Error(`Cannot read the macro file ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}. Check the setting splWorkbench.local.macroFiles.`, { cause: e });
    }
    for (const d of parseMacroFile(text, p)) table.add(d);
  }
  return table;
}
