/**
 * apply and summary (Machine Learning Toolkit): the syntax is checked, but MLTK models are not shipped
 * with the local engine, so running one is an error naming the model, as a missing lookup file is.
 */
import { SplError } from '../errors';
import { tokens, type CommandSource } from './commandSource';
import { keepOrder, type Command } from './types';

export function parseModelCommand(src: CommandSource): Command {
  const ts = tokens(src);
  const model = ts.next();
  if (!model || (model.kind !== 'word' && model.kind !== 'str')) throw ts.error('expected the name of a model', model?.pos ?? ts.endPos);
  // The rest (AS <name>, threshold=..., algorithm options) is the model's business.
  return {
    name: src.name, pos: src.pos,
    // `| summary <model>` starts a search; apply runs over results.
    ...(src.name === 'summary' ? { generating: true } : {}),
    prepare() {
      return Promise.reject(new SplError(`Error in '${src.name}' command: the model '${model.text}' is not available to the local engine (Machine Learning Toolkit models are not shipped with it); run this search on a Splunk server with the model.`, model.pos));
    },
    create: () => { throw new SplError(`Error in '${src.name}' command: the model '${model.text}' is not available to the local engine.`, model.pos); },
    fieldOrder: keepOrder,
  };
}
