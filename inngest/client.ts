import "server-only";
import { Inngest } from "inngest";
import { env, inngestMode } from "@/lib/env";
import { embeddedEventKey, embeddedSigningKey, engineBaseUrl, isEngineUrl } from "./engine/keys";

const APP_ID = "rekindle";

/**
 * In embedded mode the client talks to the engine's endpoints at the app's origin (events, sync).
 * Requests this process makes there are answered in-process by the same handler the route serves, so
 * sending an event costs no HTTP round trip to ourselves; any other URL goes to the network.
 */
const embeddedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  if (isEngineUrl(request.url)) {
    const { handleEngineRequest } = await import("./engine/http");
    return handleEngineRequest(request);
  }
  return fetch(request);
};

/** A client for the active mode; the app has one (`inngest`), tests make others to serve functions of their own. */
export function createInngestClient(id: string) {
  const mode = inngestMode();
  if (mode === "dev") return new Inngest({ id, isDev: true });
  if (mode === "cloud") {
    return new Inngest({ id, isDev: false, eventKey: env.INNGEST_EVENT_KEY, signingKey: env.INNGEST_SIGNING_KEY, signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK });
  }
  return new Inngest({
    id,
    isDev: false,
    eventKey: embeddedEventKey(),
    signingKey: embeddedSigningKey(),
    baseUrl: engineBaseUrl(),
    fetch: embeddedFetch,
    // The engine runs steps one call at a time, the protocol Inngest servers speak to every SDK.
    checkpointing: false,
  });
}

export const inngest = createInngestClient(APP_ID);
