import { z } from "zod";
import { parseMoneyToCents } from "@/lib/domain/orders/order-input";
import { readTypedNumber } from "@/lib/domain/validation";
import { engagementSettingsSchema, weightPercentTotalError } from "./settings";

/** Form fields arrive as text; an empty or non-numeric one ("0x30", "1e2") becomes NaN, which the settings schema reports by name. */
const formNumber = z.unknown().optional().transform((v) => (typeof v === "string" ? readTypedNumber(v) : Number.NaN));
const fieldGroup = <T extends z.ZodRawShape>(shape: T) => z.preprocess((v) => (v && typeof v === "object" ? v : {}), z.object(shape));

/**
 * The engagement settings form (text fields, weights in percent adding up to 100, the value scale in major units) to
 * the settings it saves (weights as fractions of 1). Weights that do not add up are reported alone, on `weights`.
 */
export const engagementSettingsFormSchema = z
  .object({
    weights: fieldGroup({ recency: formNumber, frequency: formNumber, value: formNumber, keepRate: formNumber }),
    tiers: fieldGroup({ healthy: formNumber, watch: formNumber, atRisk: formNumber }),
    valueScale: z.unknown().optional().transform((v) => parseMoneyToCents(String(v ?? "")) ?? Number.NaN),
    priorIntervalDays: formNumber,
    pAliveAtRiskBelow: formNumber,
  })
  .transform(({ weights, valueScale, ...rest }, ctx) => {
    const total = weightPercentTotalError(weights);
    if (total) {
      ctx.addIssue({ code: "custom", path: ["weights"], message: total });
      return z.NEVER;
    }
    const fractions = { recency: weights.recency / 100, frequency: weights.frequency / 100, value: weights.value / 100, keepRate: weights.keepRate / 100 };
    return { ...rest, weights: fractions, valueScaleCents: valueScale };
  })
  .pipe(engagementSettingsSchema);
