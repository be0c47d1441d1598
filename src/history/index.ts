export * from './historyRecord';
export * from './historyStore';
export * from './resultCache';
