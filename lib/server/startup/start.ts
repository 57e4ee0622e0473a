import "server-only";
import { env, inngestMode } from "@/lib/env";

const MODE_LABEL = {
  dev: "the Inngest Dev Server (INNGEST_DEV)",
  cloud: "Inngest Cloud or a self-hosted Inngest server (INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY)",
  embedded: "the embedded engine (Postgres-backed; neither INNGEST_DEV nor Inngest keys are set)",
} as const;

/** Runs once per server instance, from instrumentation.ts: production guards, the Inngest mode, and in embedded mode the engine's loop. */
export async function startInstance(): Promise<void> {
  if (env.NODE_ENV === "production") {
    const { assertProductionReady } = await import("./production-guards");
    await assertProductionReady();
  }
  const mode = inngestMode();
  console.log(`▲ Inngest: background work runs on ${MODE_LABEL[mode]}`);
  if (mode === "embedded") {
    if (!env.INNGEST_ENGINE_LOOP) {
      console.log("▲ Inngest: INNGEST_ENGINE_LOOP=0, so runs advance only when /api/inngest/engine/tick is pinged");
      return;
    }
    const { startEngineLoop } = await import("@/inngest/engine/loop");
    startEngineLoop();
  }
}
