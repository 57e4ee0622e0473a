"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/server/actions/form-action";
import { snoozeClientSchema } from "@/lib/domain/today/snooze-input";
import { snoozeClient } from "@/lib/server/services/today/snooze-client";
import { logContactSchema } from "@/lib/domain/today/contact-input";
import { logContact } from "@/lib/server/services/today/log-contact";

export const snoozeClientAction = formAction("clients.update", snoozeClientSchema, async ({ ctx, input }) => {
  const snooze = await snoozeClient({ ctx, input });
  revalidatePath("/today");
  // The item leaves the list, and its form with it: the page says what happened.
  redirect(`/today?snoozedUntil=${snooze.until.toISOString().slice(0, 10)}`);
});

export const logContactAction = formAction("clients.update", logContactSchema, async ({ ctx, input }) => {
  await logContact({ ctx, input });
  revalidatePath("/today");
  // As with a snooze, the item leaves the list with its form: the page says what happened.
  redirect("/today?contactLogged=1");
});
