/** The shape of a mapping table: which raw events feed a CIM dataset, and how their fields become CIM fields. */

export interface EventMapping {
  /** `Model.Dataset`, one of CIM_DATASETS. */
  readonly dataset: string;
  /** Search expression over the raw event (like a Splunk eventtype): the events this row maps. */
  readonly when: string;
  /**
   * CIM field name → eval expression over the raw event (like EVAL- and FIELDALIAS- in an add-on's
   * props.conf). A null result leaves the field absent.
   */
  readonly fields: Readonly<Record<string, string>>;
}

/** Eval text for the last path component of a Windows path field (`C:\a\b.exe` → `b.exe`). */
export function basename(field: string): string {
  return String.raw`mvindex(split(${field}, "\\"), -1)`;
}

/** Eval text for the first of several fields that is present and not Windows' "-" placeholder. */
export function present(...fields: string[]): string {
  return `coalesce(${fields.map((f) => `if(${f}=="-" OR ${f}=="", null(), ${f})`).join(', ')})`;
}

/** Eval text for a constant string. */
export function constant(value: string): string {
  return JSON.stringify(value);
}
