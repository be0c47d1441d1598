import assert from 'node:assert/strict';
import { navigationTarget } from '../../../../src/webview/grid/keyboard';

describe('grid navigation keys', () => {
  const ctx = { active: { row: 5, col: 2 }, rows: 100, cols: 4, page: 20 };
  it('moves by one, by a page and to the edges, clamped to the grid', () => {
    assert.deepEqual(navigationTarget('ArrowUp', false, ctx), { row: 4, col: 2 });
    assert.deepEqual(navigationTarget('ArrowRight', false, { ...ctx, active: { row: 5, col: 3 } }), { row: 5, col: 3 });
    assert.deepEqual(navigationTarget('PageUp', false, ctx), { row: 0, col: 2 });
    assert.deepEqual(navigationTarget('PageDown', false, ctx), { row: 25, col: 2 });
    assert.deepEqual(navigationTarget('Home', false, ctx), { row: 5, col: 0 });
    assert.deepEqual(navigationTarget('End', true, ctx), { row: 99, col: 3 });
  });
  it('ignores keys that are not navigation', () => {
    assert.equal(navigationTarget('a', false, ctx), undefined);
  });
});
