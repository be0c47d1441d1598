/**
 * VS Code renders `[label](target)` in a notification's message as a link, and a `command:` target runs
 * that command when clicked. Server text (a failed job's message, a syntax error, a 5xx body) and
 * workspace text (a data file path) are not ours, so no link they spell may survive into a notification.
 */

/** `text` as it should reach a notification: reads the same, but no part of it is a link. */
export function inertNotificationText(text: string): string {
  // The link syntax needs `](` with nothing between; a zero-width space there leaves the text as shown.
  return text.replaceAll('](', ']\u200b(');
}
