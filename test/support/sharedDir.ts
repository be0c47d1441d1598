/**
 * Where `../shared` (the data sets and Splunk's Python SDK the tests use) is for this checkout: beside
 * the checkout, or, for a clone made somewhere else (CI clones into a temporary folder), beside the
 * local repository it was cloned from. SPL_SHARED_DIR overrides both. Never a reason to skip: the
 * callers fail loudly when the path they get does not exist.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function beside(repo: string): string {
  return path.resolve(repo, '..', 'shared');
}

function originRepo(): string | undefined {
  try {
    const url = execFileSync('git', ['-C', ROOT, 'config', '--get', 'remote.origin.url'], { encoding: 'utf8' }).trim();
    // Only a local path names a folder on this machine.
    return path.isAbsolute(url) ? url : url.startsWith('file://') ? new URL(url).pathname : undefined;
  } catch {
    return undefined;
  }
}

function find(): string {
  const override = process.env['SPL_SHARED_DIR'];
  if (override) return path.resolve(override);
  const here = beside(ROOT);
  if (existsSync(here)) return here;
  const origin = originRepo();
  return origin && existsSync(beside(origin)) ? beside(origin) : here;
}

let found: string | undefined;

/** A path inside the shared folder. */
export function sharedPath(...parts: string[]): string {
  found ??= find();
  return path.join(found, ...parts);
}
