/**
 * How to start the server's Node process. The engine allocates an object per event and row; with Node's
 * default young generation the scavenger promotes most of them and the collector takes most of a search's
 * time (100,000 rows: 1.7-4.8 s with the default, 0.33 s with 64 MB semi-spaces, on the project's 2-core
 * machine). `npm run server`, the demo and the benchmarks start it with these flags.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
