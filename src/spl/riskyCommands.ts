import { tokenize } from './tokenize';

/**
 * Commands that write, delete, or act outside the search. A `.spl` file from a cloned repository is
 * as untrusted as a search link, so these warrant a confirmation before dispatch. Sources:
 * - Splunk's "Commands that trigger SPL safeguards" (Securing the Splunk Platform, 10.2): collect,
 *   delete, dump, map, mcollect, meventcollect, outputcsv, outputlookup, run, runshellscript, script,
 *   sendalert, sendemail, tscollect; and, from the same page and the AI Toolkit's "Search commands
 *   for machine learning safeguards", fit, deletemodel, ai and aiagent (they change or delete models,
 *   or hand data to an agent).
 * - `input` from the 7.x safeguard list.
 * - `summaryindex`: the name saved searches use for collect; it writes to an index just the same.
 * - DB Connect's `dbxoutput` (writes rows to a database) and `dbxquery` (runs any SQL statement or
 *   stored procedure, so it can write too).
 * Not here: `outputtext` only rewrites `_raw` into a field of the results, and the si* commands only
 * shape results for a summary index that collect would write.
 */
export const RISKY_COMMANDS: ReadonlySet<string> = new Set([
  'ai',
  'aiagent',
  'collect',
  'dbxoutput',
  'dbxquery',
  'delete',
  'deletemodel',
  'dump',
  'fit',
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
  'summaryindex',
  'tscollect',
]);

/**
 * Risky commands used as commands in `spl`: the first word of the query, of a subsearch `[ ... ]`,
 * or a word straight after a pipe. Words inside quoted strings, comments, macros, field values
 * (`action=delete`) and search terms (`index=x delete`) do not count. Case-insensitive. Returns
 * the distinct names, lower-cased, in order of first appearance.
 *
 * A macro may expand to a risky command; that cannot be seen from the text (see `reviewRisk`).
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

export interface RiskReview {
  /** Risky commands written in the query, as `findRiskyCommands` returns them. */
  commands: string[];
  /** Distinct macro calls (with their backticks): Splunk expands them on the server, out of sight. */
  macros: string[];
}

export function reviewRisk(spl: string): RiskReview {
  const macros: string[] = [];
  for (const token of tokenize(spl)) {
    if (token.kind !== 'macro') continue;
    const text = spl.slice(token.start, token.end);
    if (!macros.includes(text)) macros.push(text);
  }
  return { commands: findRiskyCommands(spl), macros };
}

const MACROS_NAMED = 3;

/**
 * The question the run confirmation asks, or undefined when nothing needs confirming. Macros alone do
 * not ask (most hunts use them), but when a risky command is there the user learns that a macro could
 * hide more of them.
 */
export function riskConfirmation(review: RiskReview): string | undefined {
  if (review.commands.length === 0) return undefined;
  const commands = review.commands.map((c) => `"${c}"`).join(', ');
  let text = `This search uses ${commands}, which can change data or act outside the search.`;
  if (review.macros.length > 0) {
    const named = review.macros.slice(0, MACROS_NAMED).join(', ');
    const more = review.macros.length > MACROS_NAMED ? ` and ${review.macros.length - MACROS_NAMED} more` : '';
    text += ` It also calls macro${review.macros.length === 1 ? '' : 's'} ${named}${more}, which the server expands and which could hide more such commands.`;
  }
  return `${text} Run it?`;
}
