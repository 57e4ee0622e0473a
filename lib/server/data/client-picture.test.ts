import { describe, expect, it } from "vitest";
import { assessEngagement, DEFAULT_ENGAGEMENT_SETTINGS, summariseHistory } from "@/lib/domain/engagement";
import { insertDemoClients } from "@/test/engagement-fixtures";
import { userContext } from "@/test/fixtures";
import { getClientPicture } from "./client-picture";
import { listOrdersForClient } from "./orders";

const NOW = new Date("2026-06-01T00:00:00Z");
const WEEK = 7 * 86_400_000;

describe("getClientPicture", () => {
  it("builds the score over time from the client's orders, one point a week, as a rescoring then would have scored it", async () => {
    const stylist = await userContext("stylist");
    const [id] = await insertDemoClients(1, NOW, stylist.actor.id);
    if (!id) throw new Error("no client");
    const orders = await listOrdersForClient(stylist, id);
    const { figures, scoreOverTime, assessment } = await getClientPicture(stylist, orders, null, NOW);

    expect(figures.orderCount).toBe(orders.filter((o) => o.status !== "cancelled").length);
    expect(scoreOverTime.length).toBeGreaterThan(4);
    expect(scoreOverTime.at(-1)).toMatchObject({ asOf: NOW, score: assessment?.score, tier: assessment?.tier });
    expect((scoreOverTime.at(-1)?.asOf.getTime() ?? 0) - (scoreOverTime.at(-2)?.asOf.getTime() ?? 0)).toBe(WEEK);
    const earlier = scoreOverTime[0];
    if (!earlier) throw new Error("no point");
    const expected = assessEngagement({ history: summariseHistory(orders, earlier.asOf), asOf: earlier.asOf, settings: DEFAULT_ENGAGEMENT_SETTINGS });
    expect(earlier.score).toBe(expected.score);
  });
});
