/**
 * The single place the server reaches the SPL engine, so switching from the development stub to the
 * real engine is a one-line change.
 */
export * from './dev-engine-stub';
