import assert from 'node:assert/strict';
import { lintSpl, type SplDiagnostic } from '../../../src/spl/diagnostics';

const errors = (text: string): SplDiagnostic[] => lintSpl(text).filter((d) => d.severity === 'error');
const codes = (text: string): string[] => lintSpl(text).map((d) => `${d.severity}:${d.code}`);
const at = (text: string, d: SplDiagnostic): string => text.slice(d.start, d.end);

describe('lintSpl', () => {
  describe('accepts valid SPL', () => {
    const valid = [
      'index=a process=\\"foo | stats count',
      'index=a | where x IN ("a", "b") | eval y=in(x, "a", "b")',
      "index=a | eval x='my field'+1, y='odd(name' . \"s\"",
      '| inputlookup a.csv | inputlookup append=t b.csv',
      '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=x by Processes.dest | `drop_dm_object_name(Processes)`',
      '| stats count',
      'index=a | eval x=`my_macro(1,2)` | `security_content_ctime(firstTime)`',
      'index=a [| makeresults | eval a=1 | fields a] | stats count by a',
      'index=a [inputlookup users.csv | fields user] | table user',
      'index=a | rex field=cmd "(?<exe>\\S+)" | rex mode=sed field=x "s/a/b/g" | rex "(?P<a>\\d+)"',
      'index=a | rename a AS b, c to d, e -> f, "x y" as z',
      'index=a | stats perc95(x) p50(y) exactperc99.5(z) dc(u) as "n" count(eval(a="1")) as c values(*) as * by h',
      'index=a | eval x=if (a, b, c), y=case(a="1", "y", true(), "z"), "field name"=1, {f}=2',
      'index=a ```don\'t "quote``` | stats count',
      'index=a | foreach * [eval <<FIELD>>=lower(<<FIELD>>)] | appendpipe [stats count by a]',
      'index=a | timechart span=1h count by host | streamstats window=5 current=f avg(count) as avg',
      'index=a | eval x=mvindex(split(y, ","), -1) | where NOT (x="a" OR x LIKE "b%")',
    ];
    for (const text of valid) {
      it(text, () => assert.deepEqual(errors(text), []));
    }
  });

  it('finds unbalanced quotes, brackets, parentheses and backticks at the offending character', () => {
    const q = 'index=a "abc | stats count';
    assert.deepEqual(errors(q).map((d) => [d.message, at(q, d)]), [['Unbalanced quotes.', '"']]);
    const b = 'index=a [search b | fields c';
    assert.deepEqual(errors(b).map((d) => [d.code, d.start]), [['bracket', 8]]);
    assert.deepEqual(errors('index=a ] x').map((d) => d.message), ["Mismatched ']'."]);
    const p = 'index=a | eval x=round(avg, 2';
    assert.deepEqual(errors(p).map((d) => [d.code, d.start]), [['paren', 22]]);
    assert.deepEqual(errors('index=a | eval x=1)').map((d) => d.code), ['paren']);
    assert.deepEqual(errors('index=a | `macro(1) | stats count').map((d) => d.code), ['backtick']);
  });

  it('reports an empty command and a dangling pipe', () => {
    assert.deepEqual(errors('index=a | | stats count').map((d) => d.message), ["Missing a search command before '|'."]);
    const t = 'index=a | stats count | ```note```';
    const [d] = errors(t);
    assert.equal(d?.message, "Missing a search command after '|'.");
    assert.equal(d?.start, t.lastIndexOf('|'));
  });

  it('reports a generating command that is not first, but not inputlookup append=true', () => {
    assert.deepEqual(codes('index=a | makeresults'), ['error:generating-not-first']);
    assert.deepEqual(codes('index=a | inputlookup x.csv'), ['error:generating-not-first']);
    assert.deepEqual(codes('index=a | tstats append=true count'), []);
    assert.deepEqual(codes('| makeresults | rest /services/apps/local'), ['error:generating-not-first']);
  });

  it('warns, never errs, on an unknown command, with a suggestion', () => {
    const [d, ...rest] = lintSpl('index=a | stast count');
    assert.deepEqual(rest, []);
    assert.equal(d?.severity, 'warning');
    assert.equal(d?.message, "Unknown search command 'stast'. Did you mean 'stats'?");
    assert.equal(lintSpl('index=a | myappcommand x=1')[0]?.severity, 'warning');
  });

  it('reports unknown eval and stats functions and wrong argument counts in Splunk\'s words', () => {
    assert.deepEqual(errors('index=a | eval x=lenn(y)').map((d) => d.message), ["Error in 'eval' command: The 'lenn' function is unsupported or undefined. Did you mean 'len'?"]);
    assert.match(errors('index=a | where iff(a, b, c)')[0]!.message, /^Error in 'where' command: The 'iff' function is unsupported or undefined/);
    assert.match(errors('index=a | eval x=if(a, b)')[0]!.message, /^Error in 'eval' command: The arguments to the 'if' function are invalid\. It takes 3 arguments/);
    assert.deepEqual(errors('index=a | eval x=now(1)').map((d) => d.code), ['arity']);
    assert.match(errors('index=a | stats cuont(x) by y')[0]!.message, /^Error in 'stats' command: The argument 'cuont\(x\)' is invalid\. Did you mean 'count'\?/);
    assert.deepEqual(errors('index=a | stats count(eval(lenn(x)>1))').map((d) => d.code), ['unknown-function']);
    assert.deepEqual(errors('index=a | stats counts by x').map((d) => d.code), ['unknown-function']);
    assert.deepEqual(errors('index=a | stats dc() by x').map((d) => d.code), ['arity']);
    // A macro may expand to several arguments, so the count is not checked.
    assert.deepEqual(errors('index=a | eval x=if(`cond_and_value`)'), []);
  });

  it('checks the arguments of common commands', () => {
    const message = (t: string) => errors(t).map((d) => d.message);
    assert.deepEqual(message('index=a | eval'), ["Error in 'eval' command: Arguments are missing. Usage: eval dest_key = expression."]);
    assert.deepEqual(message('index=a | eval x==1'), ["Error in 'eval' command: The expression is malformed. Expected =."]);
    assert.deepEqual(message('index=a | eval x=1, y='), ["Error in 'eval' command: The expression is malformed. An expression is expected after '='."]);
    assert.deepEqual(message('index=a | rename a b'), ["Error in 'rename' command: Usage: rename [old_name AS/TO/-> new_name]+."]);
    assert.deepEqual(message('index=a | rex field=x'), ["Error in 'SearchOperator:rex': Usage: regex [field=<field>] <regex>."]);
    assert.match(message('index=a | rex field=x "abc"')[0]!, /^Error in 'rex' command: The regex 'abc' does not extract anything\./);
    assert.deepEqual(message('index=a | table'), ["Error in 'table' command: Must specify at least one valid field name (can contain wildcards)."]);
    assert.deepEqual(message('index=a | dedup consecutive=t'), ["Error in 'dedup' command: At least one field must be given as an argument."]);
    assert.deepEqual(message('index=a | top limit=5'), ["Error in 'top' command: No fields were specified."]);
    assert.deepEqual(message('index=a | timechart span=1h'), ["Error in 'timechart' command: You must specify data field(s) to chart."]);
    assert.equal(errors('index=a | join user').length, 1);
    assert.equal(errors('index=a | mvexpand limit=5').length, 1);
  });

  it('lints each block of a file with offsets into the whole text, skipping comments', () => {
    const text = 'index=a | stats count\n\n```a comment with "one quote```\n\nindex=b\n| eval x=if(a, b)';
    const ds = lintSpl(text);
    assert.equal(ds.length, 1);
    assert.equal(at(text, ds[0]!), 'if');
  });
});
