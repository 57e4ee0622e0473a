import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest/functions";

export const dynamic = "force-dynamic";
// A full rescoring's step may take minutes on a large database.
export const maxDuration = 300;

/**
 * Inngest's serve endpoint: Inngest (Dev Server, Cloud, or the embedded engine) syncs the functions with PUT
 * and calls them with signed POSTs; GET answers Inngest's introspection. A sync must be signed too (outside the Dev
 * Server): the SDK registers the URL the request names, so an unsigned PUT with a Host of someone's choosing would
 * send every run, with its data, to them.
 */
export const { GET, POST, PUT } = serve({ client: inngest, functions, enableUnauthedSync: false });
