/** Splunk client: public API. No vscode imports; the VS Code layer supplies a Logger. */
export { SplunkBackend, jobStatusFrom, MAX_PAGE_SIZE, type SplunkAuth, type SplunkConnection, type SplunkBackendOptions } from './backend';
export { SplunkError, toSplunkError, splunkMessages, isSplunkError, type SplunkErrorKind, type SplunkErrorDetails } from './errors';
export { VerifyingHttp, normaliseFingerprint, type TlsProfile, type VerifyingHttpOptions } from './verifying-http';
export { MASK, Redactor, redactingLogger, silentLogger, type Logger } from './redact';
