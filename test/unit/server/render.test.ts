import assert from 'node:assert/strict';
import { pageRequest, parseOutputMode, renderResults, MAX_RESULT_ROWS } from '../../../src/server/render';
import type { SplEvent } from '../../../src/engine';

const rows: SplEvent[] = [{ a: '1', b: ['x', 'y'] }, { a: '2' }, { a: '3', b: 'z' }];

describe('server result documents', () => {
  it('count defaults to 100, 0 means the 50,000 cap, larger values are capped', () => {
    assert.equal(pageRequest({}).count, 100);
    assert.equal(pageRequest({ count: '0' }).count, MAX_RESULT_ROWS);
    assert.equal(pageRequest({ count: '90000' }).count, MAX_RESULT_ROWS);
    assert.deepEqual(pageRequest({ count: '5', offset: '7', f: ['a', 'b'] }), { count: 5, offset: 7, fieldList: ['a', 'b'] });
  });

  it('json_rows: string fields, rows in field order, null for absent, arrays for multivalue', () => {
    const doc = JSON.parse(renderResults(['a', 'b'], rows, { count: 2, offset: 1 }, 'json_rows', false).body);
    assert.deepEqual(doc, { preview: false, init_offset: 1, messages: [], fields: ['a', 'b'], rows: [['2', null], ['3', 'z']] });
  });

  it('json: fields as {name}, results objects, highlighted', () => {
    const doc = JSON.parse(renderResults(['a', 'b'], rows, { count: 10, offset: 0 }, 'json', true).body);
    assert.deepEqual(doc.fields, [{ name: 'a' }, { name: 'b' }]);
    assert.deepEqual(doc.results[0], { a: '1', b: ['x', 'y'] });
    assert.deepEqual(doc.results[1], { a: '2' });
    assert.equal(doc.preview, true);
    assert.deepEqual(doc.highlighted, {});
  });

  it('json_cols: one column per field', () => {
    const doc = JSON.parse(renderResults(['a', 'b'], rows, { count: 10, offset: 0 }, 'json_cols', false).body);
    assert.deepEqual(doc.columns, [['1', '2', '3'], [['x', 'y'], null, 'z']]);
  });

  it('csv: header then rows, multivalue newline-joined inside quotes', () => {
    const doc = renderResults(['a', 'b'], rows, { count: 10, offset: 0 }, 'csv', false);
    assert.equal(doc.contentType, 'text/csv; charset=UTF-8');
    assert.equal(doc.body, 'a,b\n1,"x\ny"\n2,\n3,z\n');
  });

  it('an empty page reports no fields', () => {
    const doc = JSON.parse(renderResults(['a'], rows, { count: 10, offset: 50 }, 'json_rows', false).body);
    assert.deepEqual([doc.fields, doc.rows], [[], []]);
  });

  it('field_list filters columns', () => {
    const doc = JSON.parse(renderResults(['a', 'b'], rows, { count: 1, offset: 0, fieldList: ['b'] }, 'json_rows', false).body);
    assert.deepEqual(doc.fields, ['b']);
  });

  it('output modes: known ones parse, others are refused, absent means XML as in splunkd', () => {
    assert.equal(parseOutputMode('json_cols'), 'json_cols');
    assert.equal(parseOutputMode('xml'), 'xml');
    assert.equal(parseOutputMode(undefined), 'xml');
    assert.equal(parseOutputMode(''), 'xml');
    assert.equal(parseOutputMode('atom'), undefined);
  });

  it('xml: a <results> document for the page, in the same field order and time form as json', () => {
    const doc = renderResults(['a', 'b'], rows, { count: 2, offset: 1 }, 'xml', false);
    assert.equal(doc.contentType, 'text/xml; charset=UTF-8');
    assert.ok(doc.body.includes('<results preview="0">'));
    assert.ok(doc.body.includes('<result offset="1">\n\t\t<field k="a">\n\t\t\t<value><text>2</text></value>'));
    assert.ok(doc.body.includes('<result offset="2">'));
    assert.ok(!doc.body.includes('<result offset="0">'));
  });
});
