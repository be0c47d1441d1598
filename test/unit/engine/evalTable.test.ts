import assert from 'node:assert/strict';
import { run } from './helpers';

const one = async (expr: string): Promise<unknown> => (await run(`| makeresults | eval mv=split("a1,b2,c3", ","), r=${expr}`, [])).rows[0]!.r;

// Examples after the Search Reference's multivalue and conditional function pages.
describe('eval functions from the table, LIKE and IN', () => {
  it('mvfind, mvzip, mvmap, mvfilter, mvrange', async () => {
    assert.equal(await one('mvfind(mv, "b\\\\d")'), '1');
    assert.deepEqual(await one('mvzip(mv, split("x,y", ","), "-")'), ['a1-x', 'b2-y']);
    assert.deepEqual(await one('mvmap(mv, upper(mv))'), ['A1', 'B2', 'C3']);
    assert.deepEqual(await one('mvfilter(match(mv, "^[ab]"))'), ['a1', 'b2']);
    assert.deepEqual(await one('mvrange(1, 11, 4)'), ['1', '5', '9']);
  });

  it('cidrmatch, nullif, printf', async () => {
    assert.equal(await one('if(cidrmatch("10.0.0.0/8", "10.1.2.3") AND NOT cidrmatch("10.0.0.0/8", "11.0.0.1"), "y", "n")'), 'y');
    assert.equal(await one('nullif("a", "a")'), undefined);
    assert.equal(await one('printf("%05d|%-3s|%.2f", 42, "x", 3.14159)'), '00042|x  |3.14');
  });

  it('LIKE(...) as a function and x IN (...) in where', async () => {
    const r = await run('| makeresults | eval p="useradd bob" | where LIKE(p, "%useradd%") AND p IN ("x", "useradd bob")', []);
    assert.equal(r.rows.length, 1);
  });
});
