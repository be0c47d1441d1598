import type { VerdictLookup } from '../../results/hashSummary';
import { presentVerdict } from '../../virustotal';
import type { VirusTotalService } from './virusTotalService';

/** The Hashes panel's view of the service's answers, with the order "flagged first" needs. */
export function verdictLookup(vt: VirusTotalService): VerdictLookup {
  return (_algorithm, value) => {
    const answer = vt.answerFor(value);
    if (!answer) return undefined;
    const p = presentVerdict(answer);
    const verdict = {
      kind: p.kind, text: p.text, flagged: p.flagged,
      ...(p.label ? { label: p.label } : {}), ...(p.name ? { name: p.name } : {}), ...(p.date ? { date: p.date } : {}),
    };
    return { verdict, score: p.flagged ? 1_000_000 + p.malicious : p.malicious };
  };
}
