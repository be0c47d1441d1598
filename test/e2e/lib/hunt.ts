/**
 * The set-up every hunt suite shares: a temporary workspace folder with the suite's files, a real
 * VS Code on it (the local engine active), the suite's .spl file open with the extension up (its
 * CodeLens shows), a screenshot of each failed test, and everything closed and removed at the end.
 * Call it inside `describe`: it registers the mocha hooks and returns getters for the live parts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { writeSampleData } from '../../../src/search/local/sampleData';
import { Workbench } from './workbench';

/** What a suite's files add to the launch: settings and environment that name those files. */
export interface HuntLaunch {
  userSettings?: Record<string, unknown>;
  env?: Record<string, string>;
}

export interface HuntOptions extends HuntLaunch {
  /** Screenshot prefix and temp-folder name. */
  name: string;
  /** Writes the suite's files into the workspace folder `dir` (the file to open among them). */
  files(dir: string): Promise<HuntLaunch | void> | HuntLaunch | void;
  /** The workspace file to open once VS Code is up. */
  open: string;
}

export interface HuntWorkbench {
  readonly wb: Workbench;
  readonly dir: string;
}

/** Writes `rows` generated Sysmon events to `dir`/sysmon.jsonl and returns its path. */
export async function sampleDataFile(dir: string, rows = 2000, seed = 5): Promise<string> {
  const file = path.join(dir, 'sysmon.jsonl');
  await writeSampleData(file, rows, seed);
  return file;
}

export function useHuntWorkbench(opts: HuntOptions): HuntWorkbench {
  let wb: Workbench | undefined;
  let dir: string | undefined;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), `spl-e2e-${opts.name}-`));
    const added = (await opts.files(dir)) ?? {};
    const env = { ...opts.env, ...added.env };
    wb = await Workbench.launch({
      name: opts.name,
      folder: dir,
      userSettings: { 'splWorkbench.activeConnection': 'local', ...opts.userSettings, ...added.userSettings },
      ...(Object.keys(env).length > 0 ? { env } : {}),
    });
    await wb.openFile(opts.open);
    // Ctrl+Enter is Monaco's "insert line after" until the extension's keybinding is registered: wait
    // for the extension to be up (its CodeLens shows) before a test presses it.
    await wb.page.waitForSelector('.contentWidgets .codelens-decoration a, .codelens-decoration a', { timeout: 90_000 });
  });

  after(async () => {
    await wb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) console.log(`    screenshot: ${await wb.screenshot(`failed ${this.currentTest.title}`)}`);
  });

  return {
    get wb(): Workbench {
      if (!wb) throw new Error('the workbench is not launched yet (use it inside a test or a later hook)');
      return wb;
    },
    get dir(): string {
      if (!dir) throw new Error('the workspace folder is not made yet');
      return dir;
    },
  };
}
