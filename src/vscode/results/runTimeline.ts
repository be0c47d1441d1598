import { TimelineCounter } from '../../results/timeline';
import { runAccumulator } from './runAccumulator';

/** The timeline counts of a run's results (`_time` per bucket), kept up to date incrementally. */
export const runTimeline = runAccumulator(() => new TimelineCounter(), (counter, store, from, to) => {
  const times = store.columnValues('_time');
  // Rows before `_time` first appeared in a page have none: they count as rows without a time.
  if (times) counter.addColumn(times, from, to);
  else for (let r = from; r < to; r++) counter.add(null);
});
