/**
 * What a form's server action answers; the form shows `fieldErrors` beside each field. A success may carry a `result`
 * of the action's own type for the form to show (a new API key, shown once). Safe to import in client components.
 */
export type ActionState<Result = unknown> =
  | { status: "idle" }
  | { status: "success"; message: string; result?: Result }
  | { status: "error"; message: string; fieldErrors: Record<string, string[]>; values: Record<string, string | string[]> };

export const IDLE: ActionState<never> = { status: "idle" };
