import "server-only";
import { notFound } from "next/navigation";
import type { ServiceContext } from "@/lib/server/context";
import { NotFoundError } from "@/lib/server/errors";
import { getClientOrThrow } from "./clients";
import { getEmailOrThrow } from "./emails";
import { getOrderOrThrow } from "./orders";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Runs a fetch-or-throw and turns "not found" (including a malformed id) into the 404 page. */
async function orNotFound<T>(id: string, load: () => Promise<T>): Promise<T> {
  if (!UUID.test(id)) notFound();
  try {
    return await load();
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
}

export function getClientOrNotFound(ctx: ServiceContext, id: string) {
  return orNotFound(id, () => getClientOrThrow(ctx, id));
}

export function getOrderOrNotFound(ctx: ServiceContext, id: string) {
  return orNotFound(id, () => getOrderOrThrow(ctx, id));
}

export function getEmailOrNotFound(ctx: ServiceContext, id: string) {
  return orNotFound(id, () => getEmailOrThrow(ctx, id));
}
