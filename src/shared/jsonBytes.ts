/**
 * The bytes of JSON's punctuation, for code that reads or writes JSON as bytes rather than strings.
 * One object, which readers copy into module constants (`const { QUOTE } = JSON_BYTES`): run through
 * tsx (the server, the benchmarks), named exports become getters on the module, and a getter call
 * for every byte of a 40 MB body cost more than the scan itself.
 */
export const JSON_BYTES = {
  QUOTE: 0x22,
  BACKSLASH: 0x5c,
  COMMA: 0x2c,
  COLON: 0x3a,
  OPEN_BRACE: 0x7b,
  CLOSE_BRACE: 0x7d,
  OPEN_BRACKET: 0x5b,
  CLOSE_BRACKET: 0x5d,
} as const;
