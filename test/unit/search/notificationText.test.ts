import assert from 'node:assert/strict';
import { inertNotificationText } from '../../../src/search/notificationText';

// The link syntax VS Code's notifications turn into clickable links (base/common/linkedText.ts).
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

describe('inertNotificationText', () => {
  it('leaves no command, web or file link in server text', () => {
    for (const text of [
      "Error in 'search' command: [x](command:workbench.action.terminal.new)",
      '[Sign in again](https://evil.example/login) to continue',
      'see [the log](file:///etc/passwd "title") or [a](command:a)[b](command:b)',
      '[[nested](command:x)](command:y)',
    ]) {
      const out = inertNotificationText(text);
      assert.equal(out.match(VSCODE_LINK), null, out);
      assert.equal(out.replaceAll('\u200b', ''), text, 'the text reads the same');
    }
  });

  it('leaves text without link syntax untouched', () => {
    const text = 'Splunk server error 500: [parser] failed (near "x"). Run [ search ] again.';
    assert.equal(inertNotificationText(text), text);
  });
});
