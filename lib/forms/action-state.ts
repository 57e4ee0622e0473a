/**
 * What a form's server action answers; the form shows `fieldErrors` beside each field. A success may carry a `result`
 * of the action's own type for the form to show (a new API key, shown once). Safe to import in client components.
 */
export type ActionState<Result = unknown> =
  | { status: "idle" }
  | { status: "success"; message: string; result?: Result }
  | { status: "error"; message: string; fieldErrors: Record<string, string[]>; values: Record<string, string | string[]> };

export const IDLE: ActionState<never> = { status: "idle" };

/** A server action a form hands its state and fields to, as useActionState takes it. */
export type FormActionFn = (state: ActionState<never>, formData: FormData) => Promise<ActionState<never>>;

/**
 * An error answer told by its first field error among `fields`: for fields with no place on the page to show their
 * own error (a list of ticked boxes), where "some fields need attention" would say nothing. Other answers unchanged.
 */
export function toldByField<R>(state: ActionState<R>, fields: readonly string[]): ActionState<R> {
  if (state.status !== "error") return state;
  const message = fields.map((field) => state.fieldErrors[field]?.[0]).find((error) => error !== undefined);
  return message === undefined ? state : { ...state, message };
}
