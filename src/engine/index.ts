/** The SPL engine's public API. */
export type { FieldValue, SplEvent, ResultBatch, ExecuteOptions, EventSource, RunStats, LinePrefilter } from './types';
export { SplError } from './errors';
export { LOCAL_ENGINE_COMMANDS, parseSpl, validateSpl, type Pipeline } from './parser';
export { execute, resolveFields } from './execute';
export { fileSource, arraySource, concatSources, type FileSourceOptions, type FileSource, type FileFormat } from './sources';
export { parseRelativeTime, strftime, strptime } from './time';
export { SYSMON_SOURCETYPE } from './normalize';
export { resultValue } from './output';
