import assert from 'node:assert/strict';
import { parseSpl } from '../../../../src/engine';
import { run } from '../helpers';

describe('engine apply (MLTK)', () => {
  it('parses, and at run time names the model as not available to the local engine', async () => {
    const q = 'search * | stats count by host | apply smb_pdfmodel threshold=0.001 | search isOutlier > 0';
    assert.doesNotThrow(() => parseSpl(q));
    await assert.rejects(run(q, [{ host: 'a' }]), /the model 'smb_pdfmodel' is not available to the local engine/);
  });
});
