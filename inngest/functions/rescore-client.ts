import "server-only";
import { inngest } from "@/inngest/client";
import { clientOrdersChanged, clientProfileUpdated } from "@/inngest/events";
import { rescoreClients } from "@/lib/server/services/engagement/rescore-clients";
import { systemContext } from "./system";

/** How many events one run takes: 500 events are at most 500 clients, one set-based rescoring of well under a second. */
const RESCORE_BATCH_SIZE = 500;

/**
 * Rescores clients after their orders or profiles change. Events are batched (a run takes up to 500 of
 * them, at most a second after the first), and each client named in a batch is rescored once, in one
 * set-based pass: a burst of orders for one client rescores it once, and a burst across thousands of
 * clients costs a run per 500 events instead of one per client. One run at a time (concurrency 1), so no
 * client is ever rescored by two runs at once. Idempotent: rescoring again as of now gives the same stored
 * result; a deleted client is skipped. Retries: 3.
 */
export const rescoreClientFunction = inngest.createFunction(
  {
    id: "rescore-client",
    name: "Rescore clients",
    triggers: [clientOrdersChanged, clientProfileUpdated],
    retries: 3,
    batchEvents: { maxSize: RESCORE_BATCH_SIZE, timeout: "1s" },
    concurrency: { limit: 1 },
  },
  async ({ events }) => {
    const clientIds = [...new Set(events.map((event) => event.data.clientId))];
    const rescored = await rescoreClients({ ctx: systemContext("rescoring"), input: { clientIds } });
    return { clients: clientIds.length, rescored };
  },
);
