import { tokenize } from './tokenize';

/**
 * Commands that Splunk's "SPL safeguards" treat as risky (Securing the Splunk Platform, "Commands
 * that trigger SPL safeguards": collect, delete, dump, map, mcollect, meventcollect, outputcsv,
 * outputlookup, run, runshellscript, script, sendalert, sendemail, tscollect), plus `input` from
 * the 7.x list (`run` is on Splunk's list in its own right). A `.spl` file from a cloned repository
 * is as untrusted as a search link, so these warrant a confirmation before dispatch.
 */
export const RISKY_COMMANDS: ReadonlySet<string> = new Set([
  'collect',
  'delete',
  'dump',
  'input',
  'map',
  'mcollect',
  'meventcollect',
  'outputcsv',
  'outputlookup',
  'run',
  'runshellscript',
  'script',
  'sendalert',
  'sendemail',
  'tscollect',
]);

/**
 * Risky commands used as commands in `spl`: the first word of the query, of a subsearch `[ ... ]`,
 * or a word straight after a pipe. Words inside quoted strings, comments, macros, field values
 * (`action=delete`) and search terms (`index=x delete`) do not count. Case-insensitive. Returns
 * the distinct names, lower-cased, in order of first appearance.
 *
 * A macro may expand to a risky command; that cannot be seen from the text and is not reported.
 */
export function findRiskyCommands(spl: string): string[] {
  const found: string[] = [];
  let atCommand = true;
  for (const token of tokenize(spl)) {
    switch (token.kind) {
      case 'comment':
        break;
      case 'pipe':
      case 'lbracket':
        atCommand = true;
        break;
      case 'word': {
        if (atCommand) {
          const name = spl.slice(token.start, token.end).toLowerCase();
          if (RISKY_COMMANDS.has(name) && !found.includes(name)) found.push(name);
        }
        atCommand = false;
        break;
      }
      default:
        atCommand = false;
    }
  }
  return found;
}
