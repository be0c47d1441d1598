import { parseHashListCached } from '../../results/hashes';
import type { Cell } from '../../shared/cell';
import { bestFileId, verdictCellText } from '../../virustotal';
import type { VirusTotalService } from './virusTotalService';

/** The grid's VT cell for a hash-list cell: the answer for the hash a lookup would ask for. */
export function verdictColumn(vt: VirusTotalService): () => ((cell: Cell) => Cell) | undefined {
  const one = (text: string): string | null => {
    const id = bestFileId(parseHashListCached(text));
    return id ? verdictCellText(vt.answerFor(id.value)) : null;
  };
  const compute = (cell: Cell): Cell => {
    if (cell === null) return null;
    if (typeof cell === 'string') return one(cell);
    const out = cell.map(one).filter((v): v is string => v !== null);
    return out.length > 0 ? out : null;
  };
  // No column until there is something to show: an empty VT column before any lookup is noise.
  return () => (vt.hasAnswers ? compute : undefined);
}
