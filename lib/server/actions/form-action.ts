import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { Permission } from "@/lib/domain/access/policy";
import { can } from "@/lib/domain/access/policy";
import { currentActor } from "@/lib/server/auth/session";
import { contextFor, type ServiceContext } from "@/lib/server/context";
import { AppError, ConflictError, ValidationError } from "@/lib/server/errors";
import type { ActionState } from "@/lib/forms/action-state";

/** FormData as a plain object; repeated names (checkbox groups) become arrays, dotted names nest one level. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    const value = key.endsWith("[]") ? values : values.length > 1 ? values : values[0];
    const name = key.replace(/\[\]$/, "");
    const [head, tail] = name.split(".", 2) as [string, string | undefined];
    if (tail) out[head] = { ...((out[head] as object) ?? {}), [tail]: value };
    else out[name] = value;
  }
  return out;
}

function submittedValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION") || /password/i.test(key)) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = key.endsWith("[]") ? all : (all[0] ?? "");
  }
  return values;
}

/** Turns any error into what a form shows. Unknown errors get a generic message and are logged in full. */
export function errorState(error: unknown, formData: FormData): ActionState<never> {
  const values = submittedValues(formData);
  if (error instanceof ValidationError) return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values };
  if (error instanceof ConflictError && error.field) return { status: "error", message: error.message, fieldErrors: { [error.field]: [error.message] }, values };
  if (error instanceof AppError) return { status: "error", message: error.message, fieldErrors: {}, values };
  console.error("Unexpected error in a server action", error);
  return { status: "error", message: "Something went wrong on our side. Nothing was saved; please try again.", fieldErrors: {}, values };
}

/**
 * Every form action goes through here: it resolves the signed-in user, checks the permission the
 * action needs, hands the form to the handler and maps typed errors onto the form. Redirects pass through.
 */
export function formAction<Result = never>(
  permission: Permission,
  handler: (args: { ctx: ServiceContext; input: Record<string, unknown>; formData: FormData }) => Promise<ActionState<Result> | void>,
) {
  return async (_previous: ActionState<Result>, formData: FormData): Promise<ActionState<Result>> => {
    try {
      const actor = await currentActor();
      if (!actor) return { status: "error", message: "Your session has ended. Sign in again to continue.", fieldErrors: {}, values: submittedValues(formData) };
      if (!can(actor, permission)) return { status: "error", message: "You are not allowed to do that.", fieldErrors: {}, values: submittedValues(formData) };
      return (await handler({ ctx: contextFor(actor), input: formDataToObject(formData), formData })) ?? { status: "success", message: "Saved." };
    } catch (error) {
      unstable_rethrow(error);
      return errorState(error, formData);
    }
  };
}
