/**
 * Where rows go for a scroll position. Browsers cap element heights (~16.7M px in Chromium), so past
 * MAX_CANVAS the scroll position is scaled onto the row range instead of mapped 1:1.
 */
export const ROW_HEIGHT = 22;
export const MAX_CANVAS = 8_000_000;

export interface Extent {
  rowCount: number;
  /** Height of the row area in sight, in pixels. */
  bodyHeight: number;
}

export function visibleRowCount(e: Extent): number {
  return Math.ceil(e.bodyHeight / ROW_HEIGHT) + 1;
}

export function canvasHeight(rowCount: number): number {
  return Math.min(rowCount * ROW_HEIGHT, MAX_CANVAS);
}

function scaled(e: Extent): boolean {
  return e.rowCount * ROW_HEIGHT > MAX_CANVAS;
}

/** First row in sight and where the row layer goes. */
export function layoutAt(scrollTop: number, e: Extent): { first: number; y: number } {
  if (!scaled(e)) {
    const first = Math.floor(scrollTop / ROW_HEIGHT);
    return { first, y: first * ROW_HEIGHT };
  }
  const maxScroll = Math.max(1, MAX_CANVAS - e.bodyHeight);
  const span = Math.max(0, e.rowCount - visibleRowCount(e) + 1);
  const first = Math.min(span, Math.floor((Math.min(scrollTop, maxScroll) / maxScroll) * span));
  return { first, y: Math.min(scrollTop, MAX_CANVAS - e.bodyHeight) };
}

/** The scroll position that brings `row` to the top. */
export function scrollTopFor(row: number, e: Extent): number {
  if (!scaled(e)) return row * ROW_HEIGHT;
  const maxScroll = Math.max(1, MAX_CANVAS - e.bodyHeight);
  const span = Math.max(1, e.rowCount - visibleRowCount(e) + 1);
  return Math.ceil((row / span) * maxScroll);
}
