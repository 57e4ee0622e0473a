import "server-only";
import { inngest } from "@/inngest/client";
import { clientOrdersChanged, clientProfileUpdated } from "@/inngest/events";
import { NotFoundError } from "@/lib/server/errors";
import { rescoreClient } from "@/lib/server/services/engagement/rescore-client";
import { systemContext } from "./system";

/**
 * Rescores a client after its orders or profile change. Debounced per client (a burst of orders rescores it
 * once, a second after the last, and at most ten seconds after the first) and one run per client at a time.
 * Idempotent: rescoring again as of now gives the same stored result. A deleted client is done, not failed.
 * Retries: 3.
 */
export const rescoreClientFunction = inngest.createFunction(
  {
    id: "rescore-client",
    name: "Rescore a client",
    triggers: [clientOrdersChanged, clientProfileUpdated],
    retries: 3,
    debounce: { key: "event.data.clientId", period: "1s", timeout: "10s" },
    concurrency: { key: "event.data.clientId", limit: 1 },
  },
  async ({ event }) => {
    const { clientId } = event.data;
    try {
      const assessment = await rescoreClient({ ctx: systemContext("rescoring"), input: { clientId } });
      return { clientId, score: assessment.score, tier: assessment.tier };
    } catch (error) {
      if (error instanceof NotFoundError) return { clientId, skipped: "client no longer exists" };
      throw error;
    }
  },
);
