"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/server/actions/form-action";
import { startImport } from "@/lib/server/services/imports/start-import";

export const startImportAction = formAction("data.import", async ({ ctx, input }) => {
  const job = await startImport({ ctx, input });
  revalidatePath("/import");
  return { status: "success", message: job.status === "validating" ? "Checking the file again." : "Importing the valid rows." };
});
