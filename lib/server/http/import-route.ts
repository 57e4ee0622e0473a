import "server-only";
import type { ServiceContext } from "@/lib/server/context";
import { errorResponse, sessionRouteContext } from "./session-route";

/** The signed-in user allowed to import, or the 401/403 answer for a route handler. */
export function importContext(): Promise<ServiceContext | Response> {
  return sessionRouteContext("data.import", "You are not allowed to import data.");
}

/** Typed errors become their status with a message; anything else is logged and answered 500. */
export function importErrorResponse(error: unknown): Response {
  return errorResponse(error, "Import request");
}
