/**
 * The part of Inngest's expressions (CEL) the embedded engine evaluates: a path into the event such as
 * `event.data.clientId`, used for concurrency and debounce keys. Anything else is refused at sync.
 */
export function isPathExpression(expression: string): boolean {
  return /^event(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(expression.trim());
}

export function evaluatePath(expression: string, event: Record<string, unknown>): string {
  let value: unknown = { event };
  for (const key of expression.trim().split(".")) {
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
}
