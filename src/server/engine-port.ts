/** The server's view of the SPL engine and of the project's sample-data generator. */
export * from '../engine';
import type { SplEvent } from '../engine';
import { generateSysmonEvents } from './dev-sample-stub';

/** `count` generated Sysmon-like events (deterministic for a seed), as an array for `arraySource`. */
export function sampleEvents(count: number, seed = 1): SplEvent[] {
  return [...generateSysmonEvents(count, seed)];
}
