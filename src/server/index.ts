/** The Splunk-compatible REST server: public API. */
export { startServer, splitPipeline, type ServerOptions, type RunningServer, type RequestRecord, type JobSnapshot } from './server';
export { FaultController, NO_FAULTS, type FaultSettings, type HttpErrorFault, type DropConnectionFault } from './faults';
export { issueCertificate, createCertificateAuthority, fingerprint256, type CertificateBundle } from './certificate';
export { MAX_RESULT_ROWS } from './render';
