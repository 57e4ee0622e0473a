/** What a form's server action answers; the form shows `fieldErrors` beside each field. Safe to import in client components. */
export type ActionState =
  | { status: "idle" }
  | { status: "success"; message: string; secret?: { token: string; signingSecret: string } }
  | { status: "error"; message: string; fieldErrors: Record<string, string[]>; values: Record<string, string | string[]> };

export const IDLE: ActionState = { status: "idle" };
