"use server";

import { formDataToObject, formErrorState } from "@/lib/server/actions/form-action";
import { contextFor } from "@/lib/server/context";
import { parseInput } from "@/lib/server/parse-input";
import { unsubscribe, unsubscribeSchema } from "@/lib/server/services/emails/unsubscribe";
import type { ActionState } from "@/lib/forms/action-state";

/** Public (no session, so not a formAction): the signed token in the form is the authority, as in the email's one-click link. */
export async function confirmUnsubscribeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    const input = parseInput(unsubscribeSchema, formDataToObject(formData));
    await unsubscribe({ ctx: contextFor({ type: "system", name: "unsubscribe" }), input });
    return { status: "success", message: "You are unsubscribed. You will not get these emails again." };
  } catch (error) {
    return formErrorState(error, formData);
  }
}
