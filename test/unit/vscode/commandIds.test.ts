import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMANDS, INTERNAL_COMMANDS } from '../../../src/vscode/commandIds';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]> };
};

describe('command ids', () => {
  it('package.json contributes exactly the commands in COMMANDS (apart from the internal ones)', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    const ours = Object.values(COMMANDS).filter((c) => !INTERNAL_COMMANDS.includes(c)).sort();
    assert.deepEqual(contributed, ours);
  });

  it('every menu entry names a known command', () => {
    const known = new Set<string>(Object.values(COMMANDS));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const e of entries) assert.ok(known.has(e.command), `${menu} lists ${e.command}, which COMMANDS does not have`);
    }
  });
});
