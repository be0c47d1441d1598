/** A command's text as the parser hands it over, and the token stream over its arguments. */
import { tokenizeArgs, TokenStream } from '../lexer';

export interface CommandSource {
  name: string;
  pos: number;
  /** Arguments after the command name. */
  args: string;
  argsPos: number;
}

export function tokens(src: CommandSource): TokenStream {
  return new TokenStream(tokenizeArgs(src.args, src.argsPos), src.argsPos + src.args.length, src.name);
}
