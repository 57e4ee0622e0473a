"use server";

import { errorState, formDataToObject } from "@/lib/server/actions/form-action";
import { contextFor } from "@/lib/server/context";
import { unsubscribe } from "@/lib/server/services/emails/unsubscribe";
import type { ActionState } from "@/lib/forms/action-state";

/** Public: the signed token in the form is the authority, as in the email's one-click link. */
export async function confirmUnsubscribeAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  try {
    await unsubscribe({ ctx: contextFor({ type: "system", name: "unsubscribe" }), input: formDataToObject(formData) });
    return { status: "success", message: "You are unsubscribed. You will not get these emails again." };
  } catch (error) {
    return errorState(error, formData);
  }
}
