import assert from 'node:assert/strict';
import { LOCAL_ENGINE_COMMANDS } from '../../../src/engine';
import { lintSpl } from '../../../src/spl/diagnostics';

const summary = (text: string, options = {}) => lintSpl(text, options).map((d) => [d.severity, d.code, text.slice(d.start, d.end), d.message]);

describe('lintSpl with what the server and the local engine say', () => {
  it('warns of an unknown command offline, and errs only when the server\'s list lacks it', () => {
    const text = 'index=a | mycommand y from x | frobnicate';
    assert.deepEqual(summary(text).map((d) => d.slice(0, 3)), [['warning', 'unknown-command', 'mycommand'], ['warning', 'unknown-command', 'frobnicate']]);
    const server = new Set(['search', 'stats', 'mycommand', 'myapply']);
    assert.deepEqual(summary(text, { serverCommands: server }), [['error', 'unknown-command', 'frobnicate', "Unknown search command 'frobnicate'."]]);
    assert.deepEqual(summary('index=a | myaply model', { serverCommands: server }), [['error', 'unknown-command', 'myaply', "Unknown search command 'myaply'. Did you mean 'myapply'?"]]);
  });

  it('notes commands the local engine does not run as information, never errors; subsearches it runs', () => {
    const text = 'index=a [search index=b | fields host] | cluster field=host | stats count';
    const diags = summary(text, { localEngineCommands: LOCAL_ENGINE_COMMANDS });
    assert.deepEqual(diags.map((d) => d.slice(0, 3)), [['information', 'local-engine', 'cluster']]);
    assert.equal(diags[0]![3], "The 'cluster' command is not supported by the local engine; it runs on a Splunk server.");
    assert.deepEqual(summary(text), [], 'nothing without the local engine');
    assert.ok(LOCAL_ENGINE_COMMANDS.has('stats') && LOCAL_ENGINE_COMMANDS.has('transaction') && !LOCAL_ENGINE_COMMANDS.has('cluster'));
  });
});
