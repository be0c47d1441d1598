/** `| from datamodel:<Model.Dataset>` (or `from datamodel <Model.Dataset>`): a data model's events with their CIM fields, as `datamodel ... search`. */
import { resolveDatamodel } from '../datamodels';
import { SplError } from '../errors';
import { tokens, type CommandSource } from './commandSource';
import { datasetEventsCommand } from './datamodel';
import type { Command } from './types';

export function parseFrom(src: CommandSource): Command {
  const ts = tokens(src);
  const t = ts.next();
  if (t?.kind === 'word' && t.text.toLowerCase() === 'datamodel') {
    // `from datamodel Web.Web`, the older spelling.
    const q = ts.expectValue('a data model name after datamodel');
    if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}'`);
    return datasetEventsCommand('from', src.pos, resolveDatamodel(q.text, q.pos), 'search');
  }
  if (!t || t.kind !== 'word' || !/^datamodel:/i.test(t.text)) {
    throw new SplError("The local engine reads only data models with 'from': from datamodel:<Model.Dataset>.", t?.pos ?? src.pos);
  }
  let name = t.text.slice('datamodel:'.length);
  let namePos = t.pos + 'datamodel:'.length;
  if (name === '') {
    const q = ts.expectValue('a data model name after datamodel:');
    name = q.text;
    namePos = q.pos;
  }
  if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}'`);
  return datasetEventsCommand('from', src.pos, resolveDatamodel(name, namePos), 'search');
}
