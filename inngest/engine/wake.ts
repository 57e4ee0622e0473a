import "server-only";

/**
 * Lets this process's engine loop (if it runs one) start on new work at once instead of at its next poll.
 * Only a shortcut: the work itself is in Postgres, and a loop or tick anywhere picks it up.
 */
const listeners = new Set<() => void>();

export function onEngineWake(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function wakeEngine(): void {
  for (const listener of listeners) listener();
}
