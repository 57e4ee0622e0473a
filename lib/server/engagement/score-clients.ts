import "server-only";
import { assessEngagement, EMPTY_CLIENT_HISTORY, type EngagementAssessment, type EngagementSettings } from "@/lib/domain/engagement";
import { valueAtRiskCents } from "@/lib/domain/today/work-list";
import { readSettings } from "@/lib/server/data/settings";
import type { Executor } from "@/lib/server/db/client";
import { aggregateHistories } from "./client-histories";
import type { ClientSelection } from "./client-selection";
import { latestModelFit, modelVersionOf, type StoredModelFit } from "./model-fit";
import { readCurrentEngagement, saveAssessments } from "./save-assessments";

type ScoringContext = { asOf: Date; settings: EngagementSettings; model: StoredModelFit | null };

/**
 * Scores the selected clients and stores the results: one aggregation over their orders, the model applied in
 * memory, the results written in bulk. Run it inside a transaction, so the snapshots and the client rows land together.
 * It serves one client after an order and a batch after an import or webhook delivery; a full run goes by bulkRescore.
 */
async function scoreClients(tx: Executor, selection: ClientSelection, context: ScoringContext) {
  const histories = await aggregateHistories(tx, selection, context.asOf);
  const rows = await readCurrentEngagement(tx, selection);
  const model = context.model?.engagement ?? null;
  const assessed = rows.map((row) => {
    const history = histories.get(row.id) ?? EMPTY_CLIENT_HISTORY;
    const assessment = assessEngagement({ history, asOf: context.asOf, settings: context.settings, model });
    return { row, assessment, valueAtRiskCents: valueAtRiskCents(assessment.pOrder90d, history.averageKeptValueCents) };
  });
  const saved = await saveAssessments(tx, selection, { asOf: context.asOf, modelFitId: context.model?.id ?? null, modelVersion: modelVersionOf(context.model) }, assessed);
  return { clients: assessed.length, ...saved, assessments: new Map<string, EngagementAssessment>(assessed.map((a) => [a.row.id, a.assessment])) };
}

/** Scores the selected clients with the saved settings and the latest stored model fit (none until a full run has fitted one). */
export async function scoreWithLatestModel(tx: Executor, selection: ClientSelection, asOf: Date | undefined) {
  const settings = await readSettings(tx, "engagement");
  const model = await latestModelFit(tx);
  return scoreClients(tx, selection, { asOf: asOf ?? new Date(), settings, model });
}
