import "server-only";
import { syncApp } from "./sync";
import { tickEngine } from "./tick";
import { onEngineWake } from "./wake";

const IDLE_POLL_MS = 1_000;
const SYNC_RETRY_MS = 1_000;

/**
 * For `npm run dev` and self-hosting: a small loop in the server process that syncs the app with the engine
 * once the server answers, then ticks whenever there is work (at once when this process ingests an event,
 * else every second). It keeps nothing itself: stop it, or run several, and the runs are still in Postgres.
 */
export function startEngineLoop(): () => void {
  let stopped = false;
  let wake: (() => void) | null = null;
  const unsubscribe = onEngineWake(() => wake?.());
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  void (async () => {
    while (!stopped) {
      try {
        await syncApp();
        break;
      } catch {
        await pause(SYNC_RETRY_MS); // the server is not listening yet
      }
    }
    console.log("▲ Inngest: embedded engine synced and running");
    while (!stopped) {
      try {
        const { runsDriven } = await tickEngine({ budgetMs: 30_000 });
        if (runsDriven === 0) await pause(IDLE_POLL_MS);
      } catch (error) {
        console.error("Embedded Inngest engine tick failed", error);
        await pause(IDLE_POLL_MS);
      }
    }
  })();

  return () => {
    stopped = true;
    unsubscribe();
    wake?.();
  };
}
