/** How an answer reads in the grid's VT column and the Hashes panel. */
import type { VerdictLookup } from '../results/hashSummary';
import type { LookupResult } from './lookup';
import { analysisDay, isFlagged, ratio } from './verdict';


export const NOT_FOUND_TEXT = 'not in VirusTotal';

/** The grid cell: `malicious/total` and the label, so it sorts by detections and filters by family. */
export function verdictCellText(answer: LookupResult | undefined): string | null {
  if (!answer) return null;
  switch (answer.kind) {
    case 'found': return answer.verdict.label ? `${ratio(answer.verdict)} ${answer.verdict.label}` : ratio(answer.verdict);
    case 'not-found': return NOT_FOUND_TEXT;
    case 'failed': return 'lookup failed';
  }
}

export interface PresentedVerdict {
  kind: 'found' | 'not-found' | 'failed';
  /** `malicious/total`, or the not-found / failure text. */
  text: string;
  flagged: boolean;
  malicious: number;
  label?: string;
  name?: string;
  /** YYYY-MM-DD UTC. */
  date?: string;
}

export function presentVerdict(answer: LookupResult): PresentedVerdict {
  switch (answer.kind) {
    case 'found': {
      const v = answer.verdict;
      return {
        kind: 'found', text: ratio(v), flagged: isFlagged(v), malicious: v.malicious,
        ...(v.label ? { label: v.label } : {}), ...(v.meaningfulName ? { name: v.meaningfulName } : {}),
        ...(v.lastAnalysisDate ? { date: analysisDay(v.lastAnalysisDate) } : {}),
      };
    }
    case 'not-found': return { kind: 'not-found', text: NOT_FOUND_TEXT, flagged: false, malicious: -1 };
    case 'failed': return { kind: 'failed', text: 'lookup failed', flagged: false, malicious: -2, name: answer.message.slice(0, 200) };
  }
}

/** The Hashes panel's view of answers by hash, with the score "flagged first" sorts by. */
export function panelVerdictLookup(answerFor: (hash: string) => LookupResult | undefined): VerdictLookup {
  return (_algorithm, value) => {
    const answer = answerFor(value);
    if (!answer) return undefined;
    const p = presentVerdict(answer);
    const verdict = {
      kind: p.kind, text: p.text, flagged: p.flagged,
      ...(p.label ? { label: p.label } : {}), ...(p.name ? { name: p.name } : {}), ...(p.date ? { date: p.date } : {}),
    };
    return { verdict, score: p.flagged ? 1_000_000 + p.malicious : p.malicious };
  };
}
