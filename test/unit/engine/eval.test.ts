import assert from 'node:assert/strict';
import { run, col, EVENTS } from './helpers';

/** Evaluates expressions on one synthetic event and returns the stored values. */
async function ev(assignments: string, event: Record<string, string | string[]> = {}): Promise<Record<string, string | string[]>> {
  const r = await run(`search * | eval ${assignments}`, [{ _raw: 'r', ...event }]);
  return r.rows[0]!;
}

describe('engine eval and where', () => {
  it('does arithmetic with numeric strings and concatenates with .', async () => {
    const r = await ev('a=x+y, b=x*y-1, c=x/4, d="v".x, e=x+s, f=s+s, g=x%4, h=-x', { x: '10', y: '2.5', s: 'ab' });
    assert.equal(r.a, '12.5');
    assert.equal(r.b, '24');
    assert.equal(r.c, '2.5');
    assert.equal(r.d, 'v10');
    assert.equal(r.e, undefined); // number + non-numeric string is null
    assert.equal(r.f, 'abab');
    assert.equal(r.g, '2');
    assert.equal(r.h, '-10');
  });

  it('lets later assignments see earlier ones, and null removes a field', async () => {
    const r = await ev('a=2, b=a*3, x=null()', { x: 'gone' });
    assert.equal(r.b, '6');
    assert.ok(!('x' in r));
  });

  it('supports if, case, coalesce, isnull, isnotnull', async () => {
    const r = await ev('a=if(n>5, "big", "small"), b=case(n<5, "lo", n<20, "mid", true(), "hi"), c=coalesce(missing, other, "d"), d=if(isnull(missing), "y", "n"), e=if(isnotnull(n), "y", "n")', { n: '10', other: 'o' });
    assert.deepEqual([r.a, r.b, r.c, r.d, r.e], ['big', 'mid', 'o', 'y', 'y']);
  });

  it('supports the string functions', async () => {
    const r = await ev('a=len(s), b=lower(s), c=upper(s), d=substr(s, 2, 3), e=substr(s, -3), f=replace(s, "l+", "L"), g=replace(p, "(\\w+)@(\\w+)", "\\2 at \\1"), h=trim("  x  ")', { s: 'Hello', p: 'me@host' });
    assert.deepEqual([r.a, r.b, r.c, r.d, r.e, r.f, r.g, r.h], ['5', 'hello', 'HELLO', 'ell', 'llo', 'HeLo', 'host at me', 'x']);
  });

  it('supports the multivalue functions', async () => {
    const r = await ev('a=split(h, ","), b=mvcount(a), c=mvindex(a, 1), d=mvindex(a, -2, -1), e=mvjoin(a, ";"), f=mvcount(missing)', { h: 'SHA1=AA,MD5=BB,IMPHASH=CC' });
    assert.deepEqual(r.a, ['SHA1=AA', 'MD5=BB', 'IMPHASH=CC']);
    assert.equal(r.b, '3');
    assert.equal(r.c, 'MD5=BB');
    assert.deepEqual(r.d, ['MD5=BB', 'IMPHASH=CC']);
    assert.equal(r.e, 'SHA1=AA;MD5=BB;IMPHASH=CC');
    assert.equal(r.f, undefined);
  });

  it('supports match (PCRE with (?i)) and like', async () => {
    const r = await ev('a=if(match(i, "(?i)POWERSHELL\\.EXE$"), 1, 0), b=if(like(i, "%\\\\cmd.exe"), 1, 0), c=if(i LIKE "C:%", 1, 0)', { i: 'C:\\Windows\\powershell.exe' });
    assert.deepEqual([r.a, r.b, r.c], ['1', '0', '1']);
  });

  it('converts with tonumber, tostring and round', async () => {
    const r = await ev('a=tonumber("0x1F", 16), b=tonumber("12"), c=tostring(255, "hex"), d=tostring(1234567.891, "commas"), e=tostring(3725, "duration"), f=round(2.5), g=round(3.14159, 2), h=tonumber("abc")');
    assert.deepEqual([r.a, r.b, r.c, r.d, r.e, r.f, r.g, r.h], ['31', '12', '0xFF', '1,234,567.89', '01:02:05', '3', '3.14', undefined]);
  });

  it('uses the search start for now() and formats times', async () => {
    const r = await ev('a=now(), b=strftime(0, "%Y-%m-%dT%H:%M:%S"), c=strptime("2024-05-01 12:00:00", "%Y-%m-%d %H:%M:%S")');
    assert.equal(r.a, String(Date.UTC(2024, 4, 1, 12, 0, 0) / 1000));
    assert.equal(r.b, '1970-01-01T00:00:00');
    assert.equal(r.c, String(Date.UTC(2024, 4, 1, 12) / 1000));
  });

  it('compares strings case-sensitively in where, with AND before OR', async () => {
    assert.deepEqual(col(await run('search * | where host="ws1"', EVENTS), '_time'), ['1000', '3000']);
    // EventCode=11 OR (EventCode=1 AND host=ws2)
    assert.deepEqual(col(await run('search * | where EventCode=11 OR EventCode=1 AND host="ws2"', EVENTS), '_time'), ['2000', '5000']);
    assert.deepEqual(col(await run('search * | where bytes > 15', EVENTS), '_time'), ['1000', '2000']);
    assert.deepEqual(col(await run('search * | where NOT isnull(User) AND like(User, "%alice")', EVENTS), '_time'), ['1000', '5000']);
  });

  it('treats a bare word on the right of where as a field name', async () => {
    const r = await run('search * | where a=b', [{ a: '1', b: '1' }, { a: '1', b: '2' }, { a: 'b' }]);
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0]!.b, '1');
  });

  it('keeps an explicit field order and appends new fields', async () => {
    const r = await run('search * | stats count by host | eval big=if(count>1, "y", "n")', EVENTS);
    assert.deepEqual(r.fields, ['host', 'count', 'big']);
  });

  it('does not modify the events of an in-memory source', async () => {
    const events = [{ _raw: 'x', a: '1' }];
    await run('search * | eval a=2, b=3 | rename a AS c', events);
    assert.deepEqual(events, [{ _raw: 'x', a: '1' }]);
  });
});
