/** A cell: a single value, a multivalue (Splunk's JSON arrays), or absent. Shared by the host, the grid and the backends. */
export type Cell = string | string[] | null;
