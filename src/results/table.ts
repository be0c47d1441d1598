import type { Cell } from '../shared/cell';

/**
 * A read-only rectangular view of results: what the grid draws, what copy and export read.
 * Row and column indexes are positions in the view (after sort, filter and column choice).
 */
export interface TableView {
  readonly columns: readonly string[];
  readonly rowCount: number;
  cell(row: number, column: number): Cell;
}
