/** spath: fields from JSON or XML in a field (`input`, default _raw), all of them or one `path` (`output`). */
import { jsonPath, flattenJson, flattenXml, parseJsonValue } from '../structured';
import type { SplEvent } from '../types';
import { setValues, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { appendFields, mapOperator, type Command } from './types';

/** The XML path's values: the flattened names that equal the path (or its `{@attr}` form). */
function xmlPath(doc: SplEvent, path: string): string[] {
  const key = path.replace(/\{\d+\}/g, '');
  return valuesOf(doc[key]);
}

export function parseSpath(src: CommandSource): Command {
  const ts = tokens(src);
  let input = '_raw', output: string | undefined, path: string | undefined;
  while (!ts.atEnd()) {
    let t;
    if ((t = ts.option('input'))) { input = t.text; continue; }
    if ((t = ts.option('output'))) { output = t.text; continue; }
    if ((t = ts.option('path'))) { path = t.text; continue; }
    const w = ts.next()!;
    if ((w.kind !== 'word' && w.kind !== 'str') || path !== undefined) throw ts.error(`unexpected '${w.text}'`, w.pos);
    path = w.text;
  }
  const target = output ?? path;
  return {
    name: 'spath', pos: src.pos,
    create: () => mapOperator((e) => {
      const text = valuesOf(e[input])[0];
      if (text === undefined) return e;
      const trimmed = text.trimStart();
      const isXml = trimmed.startsWith('<');
      const json = isXml ? undefined : parseJsonValue(text);
      if (!isXml && (json === undefined || json === null || typeof json !== 'object')) return e;
      const out: SplEvent = { ...e };
      if (path === undefined) {
        // Extracted fields do not replace fields the event already has.
        const all = isXml ? flattenXml(text) : flattenJson(json);
        for (const k in all) if (out[k] === undefined) out[k] = all[k]!;
        return out;
      }
      setValues(out, target!, isXml ? xmlPath(flattenXml(text), path) : jsonPath(json, path));
      return out;
    }),
    fieldOrder: (prev) => (target ? appendFields(prev, [target]) : prev),
  };
}
