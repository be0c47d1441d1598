/**
 * The one table of commands the local engine runs. The parser reads it; `src/spl/registry.ts` stays the
 * language-facing list of every SPL command, and asks this table (`engineSupports`) whether the local
 * engine runs one. To add a command: write `commands/<name>.ts` exporting its parser, add a row here. Every command
 * has its own file; `commandSource.ts` is what they all parse from.
 */
import type { Command } from './types';
import type { CommandSource } from './commandSource';
import { parseSearch } from './search';
import { parseWhere } from './where';
import { parseEval } from './eval';
import { parseFields } from './fields';
import { parseTable } from './table';
import { parseHead } from './head';
import { parseTail } from './tail';
import { parseRename } from './rename';
import { parseRegexCommand } from './regex';
import { parseMakemv } from './makemv';
import { parseMvexpand } from './mvexpand';
import { parseFillnull } from './fillnull';
import { parseDedup } from './dedup';
import { parseMakeresults } from './makeresults';
import { parseRex } from './rex';
import { parseSort } from './sort';
import { parseEventstats, parseStats, parseTopRare } from './stats';
import { parseConvert } from './convert';
import { parseBin } from './bin';
import { parseFormat } from './format';
import { parseReturn } from './return';
import { parseStreamstats } from './streamstats';
import { parseSpath } from './spath';
import { parseXmlkv } from './xmlkv';
import { parseFromjson } from './fromjson';
import { parseLookup } from './lookup';
import { parseInputlookup } from './inputlookup';
import { parseOutputlookup } from './outputlookup';
import { parseJoin } from './join';
import { parseAppend, parseAppendcols } from './append';
import { parseAppendpipe } from './appendpipe';
import { parseForeach } from './foreach';
import { parseTransaction } from './transaction';
import { parseIplocation } from './iplocation';
import { parseTstats } from './tstats';
import { parseDatamodel } from './datamodel';
import { parseFrom } from './from';
import { parseReplace } from './replace';
import { parseAddtotals } from './addtotals';
import { parseTimechart } from './timechart';
import { parseChart } from './chart';
import { parseMstats } from './mstats';
import { parseMap } from './map';
import { parseExtract } from './extract';
import { parseMultikv } from './multikv';
import { parseAnomalydetection } from './anomalydetection';
import { parseModelCommand } from './apply';

/** What a command parser may need beyond its own text: parsing a sub-pipeline (`[ ... ]`) with positions. */
export interface ParseContext {
  parsePipeline(text: string, offset: number): import('../parser').Pipeline;
  /** Commands that run over results given to them (appendpipe, foreach): no leading search. */
  parseCommands(text: string, offset: number): Command[];
}

export interface CommandSpec {
  name: string;
  parse: (src: CommandSource, ctx: ParseContext) => Command;
  /** Generating commands read no events (makeresults, inputlookup). */
  generates: boolean;
  summary: string;
}

type Row = [name: string, parse: CommandSpec['parse'], generates: boolean, summary: string];

const ROWS: Row[] = [
  ['search', parseSearch, false, 'Keeps the events that match a search expression.'],
  ['where', parseWhere, false, 'Keeps the results for which an eval expression is true.'],
  ['eval', parseEval, false, 'Computes fields from expressions.'],
  ['fields', parseFields, false, 'Keeps or removes fields.'],
  ['table', parseTable, false, 'Keeps the listed fields, in that order.'],
  ['head', parseHead, false, 'The first N results.'],
  ['tail', parseTail, false, 'The last N results, in reverse order.'],
  ['sort', parseSort, false, 'Sorts the results.'],
  ['dedup', parseDedup, false, 'Removes results that repeat the values of fields.'],
  ['rename', parseRename, false, 'Renames fields (wildcards allowed).'],
  ['rex', parseRex, false, 'Extracts fields with a regular expression, or substitutes with sed syntax.'],
  ['regex', parseRegexCommand, false, 'Keeps the results whose field matches a regular expression.'],
  ['stats', parseStats, false, 'Aggregates the results, optionally by fields.'],
  ['eventstats', parseEventstats, false, 'Adds aggregates to every result.'],
  ['top', (s) => parseTopRare(s, false), false, 'The most common values of fields.'],
  ['rare', (s) => parseTopRare(s, true), false, 'The least common values of fields.'],
  ['makemv', parseMakemv, false, 'Splits a field into a multivalue field.'],
  ['mvexpand', parseMvexpand, false, 'One result per value of a multivalue field.'],
  ['fillnull', parseFillnull, false, 'Fills empty fields with a value.'],
  ['makeresults', parseMakeresults, true, 'Generates empty results with _time.'],
  ['convert', parseConvert, false, 'Converts values: epoch times to text and back, durations, units.'],
  ['bin', parseBin, false, 'Puts numbers or times into buckets.'],
  ['bucket', parseBin, false, 'Alias of bin.'],
  ['format', parseFormat, false, 'Turns the results into the search text a subsearch returns.'],
  ['streamstats', parseStreamstats, false, 'Running aggregates added to each result, in order.'],
  ['spath', parseSpath, false, 'Extracts fields from JSON or XML.'],
  ['xmlkv', parseXmlkv, false, 'Extracts <key>value</key> pairs as fields.'],
  ['fromjson', parseFromjson, false, 'The keys of a JSON object as fields.'],
  ['lookup', parseLookup, false, 'Adds fields from a CSV lookup file.'],
  ['inputlookup', parseInputlookup, true, 'The rows of a CSV lookup file.'],
  ['outputlookup', parseOutputlookup, false, 'Writes the results to a CSV lookup file (asks first: a risky command).'],
  ['join', parseJoin, false, 'Combines results with a subsearch\'s results on shared fields.'],
  ['append', parseAppend, false, 'Adds a subsearch\'s results after the current results.'],
  ['appendcols', parseAppendcols, false, 'Adds a subsearch\'s fields to the current results, row by row.'],
  ['appendpipe', parseAppendpipe, false, 'Appends what a sub-pipeline makes of the current results.'],
  ['foreach', parseForeach, false, 'Runs a templated eval for each field matching a wildcard.'],
  ['transaction', parseTransaction, false, 'Groups related results into transactions.'],
  ['iplocation', parseIplocation, false, 'Adds location fields for an IP address (empty locally: no geo database).'],
  ['chart', parseChart, false, 'Aggregates into a table: a row per value of one field, a column per value of another.'],
  ['timechart', parseTimechart, false, 'Aggregates per time bucket, one column per value of a split field.'],
  ['replace', parseReplace, false, 'Replaces whole field values (wildcards carry text over).'],
  ['addtotals', parseAddtotals, false, 'Adds each row\'s sum of numeric fields and, with col=t, a row of column sums.'],
  ['return', parseReturn, false, 'Hands values back from a subsearch as search text.'],
  ['map', parseMap, false, 'Runs a search once per result, with the result\'s values substituted for $field$.'],
  ['extract', parseExtract, false, 'Extracts key/value pairs from _raw.'],
  ['kv', parseExtract, false, 'Alias of extract.'],
  ['multikv', parseMultikv, false, 'One result per row of table-formatted events.'],
  ['anomalydetection', parseAnomalydetection, false, 'Finds anomalous events by the probability of their field values (histogram method).'],
  // MLTK: parsed, but the models are not shipped, so running one is an error naming the model.
  ['apply', parseModelCommand, false, 'Applies a Machine Learning Toolkit model (not available locally).'],
  ['summary', parseModelCommand, true, 'Shows a Machine Learning Toolkit model (not available locally).'],
  // Generating, but they read the source's events through the data-model layer (Command.readsEvents).
  ['tstats', parseTstats, true, 'Statistics over the CIM data models (or the indexed fields) of the events.'],
  ['datamodel', parseDatamodel, true, 'The CIM data models the engine knows, or one dataset\'s events with its CIM fields.'],
  ['from', parseFrom, true, 'A data model dataset\'s events: from datamodel:<Model.Dataset>.'],
  // Generating (unless append=t), reading metric data points from the source's events.
  ['mstats', parseMstats, true, 'Statistics over metric data points (events with metric_name and _value, or metric_name:<name> fields).'],
];

export const ENGINE_COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(ROWS.map(([name, parse, generates, summary]) => [name, { name, parse, generates, summary }]));

/** True when the local engine runs the command (names are case-insensitive). */
export function engineSupports(name: string): boolean {
  return ENGINE_COMMANDS.has(name.toLowerCase());
}
