export { LocalBackend, type LocalBackendOptions } from './localBackend';
