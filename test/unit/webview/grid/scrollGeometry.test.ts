import assert from 'node:assert/strict';
import { canvasHeight, layoutAt, MAX_CANVAS, ROW_HEIGHT, scrollTopFor } from '../../../../src/webview/grid/scrollGeometry';

describe('grid scroll geometry', () => {
  it('maps scroll positions 1:1 while the canvas fits', () => {
    const e = { rowCount: 1000, bodyHeight: 440 };
    assert.deepEqual(layoutAt(10 * ROW_HEIGHT + 5, e), { first: 10, y: 10 * ROW_HEIGHT });
    assert.equal(scrollTopFor(10, e), 10 * ROW_HEIGHT);
  });
  it('scales past the browser height cap and still reaches the last row', () => {
    const e = { rowCount: 5_000_000, bodyHeight: 440 };
    assert.equal(canvasHeight(e.rowCount), MAX_CANVAS);
    const bottom = layoutAt(MAX_CANVAS - e.bodyHeight, e);
    assert.equal(bottom.first + Math.ceil(e.bodyHeight / ROW_HEIGHT), e.rowCount);
    const row = 2_500_000;
    assert.ok(Math.abs(layoutAt(scrollTopFor(row, e), e).first - row) <= 1);
  });
});
