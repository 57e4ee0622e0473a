import "server-only";
import { can } from "@/lib/domain/access/policy";
import type { DashboardRange } from "@/lib/domain/analytics/tier-summary";
import { parseClientListQuery } from "@/lib/domain/clients/list-query";
import { queueFiltersSchema } from "@/lib/domain/email/queue-filters";
import type { ServiceContext } from "@/lib/server/context";
import { countClients } from "./clients";
import { getOverview, latestCountedDay } from "./dashboard";
import { getEmailOverview } from "./email-overview";
import { getEmailWeeks } from "./email-weeks";
import { countEmails } from "./emails";

/**
 * Everything the overview page reads, at once: its tier figures, what needs action, and (for those who work with
 * emails) the email figures. One function, so bench:dashboard times exactly what a page view costs.
 */
export async function loadOverviewPage(ctx: ServiceContext, range: DashboardRange) {
  const emailsToo = can(ctx.actor, "emails.write");
  const [overview, emails, weeks, draftsAwaitingReview, newlyAtRisk, latestDay] = await Promise.all([
    getOverview(ctx, range),
    emailsToo ? getEmailOverview(ctx, range) : null,
    emailsToo ? getEmailWeeks(ctx, range) : [],
    emailsToo ? countEmails(ctx, queueFiltersSchema.parse({ status: "draft" })) : null,
    countClients(ctx, parseClientListQuery({ newly: "1" })),
    latestCountedDay(ctx),
  ]);
  return { overview, emails, weeks, draftsAwaitingReview, newlyAtRisk, latestDay };
}
