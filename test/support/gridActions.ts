import type { GridActionHandlers } from '../../src/results/session';
import type { GridToHost } from '../../src/shared/protocol';

/** Action handlers that record each message, for tests of what the session hands to its panel. */
export function recordingActions(into: GridToHost[]): GridActionHandlers {
  const record = (m: GridToHost): void => { into.push(m); };
  return { copy: record, export: record, openValue: record, rerun: record, cancel: record, toggleHashColumns: record, select: record, lookUpHashes: record, requestFields: record, fieldsClosed: record, fieldValueToQuery: record, requestTimeline: record, timelineHidden: record, useTimeRange: record };
}
