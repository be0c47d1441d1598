export { tokenize, type Token, type TokenKind } from './tokenize';
export { findCommentSpans, stripComments, stripCommentsInRange, type Span } from './comments';
export { LineIndex, type Line, type Position, type TextRange } from './lines';
export {
  queryAtCursor,
  queryBlocks,
  REASON_BLANK_LINE,
  REASON_EMPTY_DOCUMENT,
  REASON_EMPTY_SELECTION,
  REASON_ONLY_COMMENT,
  type QueryAtCursorResult,
  type QueryBlock,
  type Selection,
} from './queryAtCursor';
export { normalizeQuery, REASON_EMPTY_QUERY, type NormalizeResult } from './normalizeQuery';
export { findRiskyCommands, reviewRisk, riskConfirmation, RISKY_COMMANDS, type RiskReview } from './riskyCommands';
export { applyFilter, filterClause, quoteSplString, QueryEditError, type FieldFilter, type QueryEdit } from './queryEdit';
