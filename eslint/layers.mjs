// The layer drawing of docs/ARCHITECTURE.md, enforced: which top-level folders of src/ each folder may
// import from. A relative import is resolved against the importing file; a folder not listed here may
// import nothing else from src/. Change the drawing here and in the document together.
import path from 'node:path';

export const LAYERS = {
  shared: [],
  spl: ['shared'],
  net: [],
  engine: ['spl', 'shared'],
  search: ['engine', 'net', 'shared', 'spl'],
  results: ['search', 'shared'],
  server: ['engine', 'search', 'shared', 'spl', 'net'],
  virustotal: ['net', 'results', 'server', 'shared'],
  webview: ['shared'],
  vscode: ['engine', 'net', 'results', 'search', 'server', 'shared', 'spl', 'virustotal'],
  'extension.ts': ['vscode', 'virustotal'],
};

function layerOf(file, srcRoot) {
  const rel = path.relative(srcRoot, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const [first] = rel.split(path.sep);
  return first;
}

export const layersPlugin = {
  rules: {
    'allowed-imports': {
      meta: { type: 'problem', schema: [{ type: 'object', properties: { srcRoot: { type: 'string' } } }] },
      create(context) {
        const srcRoot = context.options[0]?.srcRoot;
        const from = layerOf(context.filename, srcRoot);
        if (from === undefined) return {};
        const allowed = LAYERS[from];
        const check = (node, spec) => {
          if (typeof spec !== 'string' || !spec.startsWith('.')) return;
          const to = layerOf(path.resolve(path.dirname(context.filename), spec), srcRoot);
          if (to === undefined || to === from) return;
          const target = to.replace(/\.ts$/, '') === 'extension' ? 'extension.ts' : to;
          if (allowed === undefined || !allowed.includes(target)) {
            context.report({ node, message: `src/${from} may not import from src/${target} (see docs/ARCHITECTURE.md and eslint/layers.mjs).` });
          }
        };
        return {
          ImportDeclaration: (node) => check(node.source, node.source.value),
          ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
          ExportAllDeclaration: (node) => check(node.source, node.source.value),
          ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
        };
      },
    },
  },
};
