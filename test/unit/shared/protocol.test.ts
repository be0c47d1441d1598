import assert from 'node:assert/strict';
import { LIMITS, isGridToHost, isHostToGrid, type GridToHost } from '../../../src/shared/protocol';

const sel = { viewId: 3, ranges: [{ rowStart: 0, rowEnd: 4, colStart: 1, colEnd: 2 }] };
const state = {
  sort: [{ column: 'host', direction: 'asc' }], filter: { text: 'x' }, order: ['a'], hidden: [], showInternal: false,
  widths: { a: 120 }, scrollTop: 0, scrollLeft: 10,
};

const good: GridToHost[] = [
  { type: 'ready' },
  { type: 'requestRows', requestId: 7, viewId: 1, start: 0, count: 500 },
  { type: 'setSort', sort: [{ column: '_time', direction: 'desc' }, { column: 'host', direction: 'asc' }] },
  { type: 'setSort', sort: [] },
  { type: 'setFilter', filter: {} },
  { type: 'setFilter', filter: { text: 'cmd', regex: true, caseSensitive: false, perColumn: { Image: { text: 'ps', regex: false } }, include: [{ column: 'h', value: null }], exclude: [{ column: 'tags', value: ['a', 'b'] }] } },
  { type: 'setColumns', order: ['b', 'a'], hidden: ['c'] },
  { type: 'toggleInternal', show: true },
  { type: 'toggleHashColumns', show: false },
  { type: 'select', selection: sel },
  { type: 'copy', format: 'tsv', selection: sel, withHeaders: true },
  { type: 'copy', format: 'column-unique', selection: sel, withHeaders: false },
  { type: 'filterToValue', cell: { viewId: 1, row: 5, column: 0 } },
  { type: 'excludeValue', cell: { viewId: 1, row: 5, column: 0 } },
  { type: 'openValue', cell: { viewId: 1, row: 0, column: 3 } },
  { type: 'export', scope: 'view' },
  { type: 'export', scope: 'selection', selection: sel },
  { type: 'lookUpHashes', selection: sel },
  { type: 'rerun' },
  { type: 'cancel' },
  { type: 'requestFields' },
  { type: 'fieldsClosed' },
  { type: 'requestTimeline' },
  { type: 'timelineHidden' },
  { type: 'fieldValueToQuery', fieldsId: 3, field: 0, value: 9, exclude: true, rerun: false },
  { type: 'fieldValueToQuery', fieldsId: 1, field: LIMITS.maxSidebarFields - 1, value: 0, exclude: false, rerun: true },
];

describe('isGridToHost', () => {
  for (const m of good) {
    it(`accepts a well-formed ${m.type}`, () => assert.equal(isGridToHost(m), true));
  }

  const hostile: [string, unknown][] = [
    ['null', null],
    ['a string', 'ready'],
    ['an array', [{ type: 'ready' }]],
    ['an unknown type', { type: 'executeCommand', command: 'workbench.action.terminal.new' }],
    ['an inherited type name', { type: 'toString' }],
    ['an extra key', { type: 'ready', command: 'x' }],
    ['an extra key on a nested object', { type: 'select', selection: { ...sel, path: '/etc/passwd' } }],
    ['a prototype-polluting key', JSON.parse('{"type":"ready","__proto__":{"x":1}}')],
    ['a class instance', Object.assign(new (class X { type = 'ready'; })())],
    ['too many rows', { type: 'requestRows', requestId: 1, viewId: 1, start: 0, count: LIMITS.maxRequestRows + 1 }],
    ['zero rows', { type: 'requestRows', requestId: 1, viewId: 1, start: 0, count: 0 }],
    ['a negative start', { type: 'requestRows', requestId: 1, viewId: 1, start: -1, count: 5 }],
    ['a fractional start', { type: 'requestRows', requestId: 1, viewId: 1, start: 1.5, count: 5 }],
    ['a NaN count', { type: 'requestRows', requestId: 1, viewId: 1, start: 0, count: NaN }],
    ['a string number', { type: 'requestRows', requestId: 1, viewId: 1, start: '0', count: 5 }],
    ['a missing key', { type: 'requestRows', requestId: 1, start: 0, count: 5 }],
    ['a bad direction', { type: 'setSort', sort: [{ column: 'a', direction: 'up' }] }],
    ['too many sort keys', { type: 'setSort', sort: Array.from({ length: LIMITS.maxSortKeys + 1 }, () => ({ column: 'a', direction: 'asc' })) }],
    ['an oversized column name', { type: 'setSort', sort: [{ column: 'x'.repeat(LIMITS.maxNameLength + 1), direction: 'asc' }] }],
    ['an oversized filter', { type: 'setFilter', filter: { text: 'x'.repeat(LIMITS.maxFilterText + 1) } }],
    ['a non-boolean regex flag', { type: 'setFilter', filter: { text: 'a', regex: 'yes' } }],
    ['a non-string value', { type: 'setFilter', filter: { include: [{ column: 'a', value: 5 }] } }],
    ['a nested multivalue', { type: 'setFilter', filter: { include: [{ column: 'a', value: [['x']] }] } }],
    ['too many includes', { type: 'setFilter', filter: { include: Array.from({ length: LIMITS.maxValueMatches + 1 }, () => ({ column: 'a', value: 'b' })) } }],
    ['an unknown copy format', { type: 'copy', format: 'html', selection: sel, withHeaders: true }],
    ['an inverted range', { type: 'copy', format: 'tsv', selection: { viewId: 1, ranges: [{ rowStart: 5, rowEnd: 1, colStart: 0, colEnd: 0 }] }, withHeaders: true }],
    ['too many ranges', { type: 'select', selection: { viewId: 1, ranges: Array.from({ length: LIMITS.maxRanges + 1 }, () => sel.ranges[0]) } }],
    ['an export path', { type: 'export', scope: 'all', path: '/tmp/x.csv' }],
    ['an unknown export scope', { type: 'export', scope: 'disk' }],
    ['the retired persistState', { type: 'persistState', state }],
    ['a non-array order', { type: 'setColumns', order: 'a,b', hidden: [] }],
    ['a show flag as string', { type: 'toggleInternal', show: 'true' }],
    ['requestFields with a field list', { type: 'requestFields', fields: ['a'] }],
    ['a sidebar value given as text', { type: 'fieldValueToQuery', fieldsId: 1, field: 'host', value: 'x" OR 1=1', exclude: true, rerun: false }],
    ['a sidebar value with its text beside the index', { type: 'fieldValueToQuery', fieldsId: 1, field: 0, value: 0, exclude: true, rerun: false, text: 'x' }],
    ['a sidebar field index past the limit', { type: 'fieldValueToQuery', fieldsId: 1, field: LIMITS.maxSidebarFields, value: 0, exclude: true, rerun: false }],
    ['a sidebar value index past the top list', { type: 'fieldValueToQuery', fieldsId: 1, field: 0, value: LIMITS.maxSidebarValues, exclude: true, rerun: false }],
    ['a negative sidebar index', { type: 'fieldValueToQuery', fieldsId: 1, field: -1, value: 0, exclude: false, rerun: false }],
    ['a sidebar pick without its list id', { type: 'fieldValueToQuery', field: 0, value: 0, exclude: false, rerun: false }],
    ['a rerun flag as string', { type: 'fieldValueToQuery', fieldsId: 1, field: 0, value: 0, exclude: false, rerun: 'yes' }],
  ];
  for (const [what, msg] of hostile) {
    it(`rejects ${what}`, () => assert.equal(isGridToHost(msg), false));
  }
});

describe('isHostToGrid', () => {
  it('accepts known types and rejects foreign messages', () => {
    assert.equal(isHostToGrid({ type: 'error', message: 'x' }), true);
    assert.equal(isHostToGrid({ type: 'fields', summary: { fieldsId: 1, rowCount: 0, truncated: false, fields: [] } }), true);
    assert.equal(isHostToGrid({ type: 'eval', code: 'x' }), false);
    assert.equal(isHostToGrid('rows'), false);
  });
});
