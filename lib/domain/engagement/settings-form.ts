import { z } from "zod";
import { parseMoneyToCents } from "@/lib/domain/orders/order-input";
import { engagementSettingsSchema } from "./settings";

/** Form fields arrive as text; an empty or non-numeric one becomes NaN, which the settings schema reports by name. */
const formNumber = z.unknown().optional().transform((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN));
const fieldGroup = <T extends z.ZodRawShape>(shape: T) => z.preprocess((v) => (v && typeof v === "object" ? v : {}), z.object(shape));

/** The engagement settings form (text fields, the value scale in major units) to the settings it saves. */
export const engagementSettingsFormSchema = z
  .object({
    weights: fieldGroup({ recency: formNumber, frequency: formNumber, value: formNumber, keepRate: formNumber }),
    tiers: fieldGroup({ healthy: formNumber, watch: formNumber, atRisk: formNumber }),
    valueScale: z.unknown().optional().transform((v) => parseMoneyToCents(String(v ?? "")) ?? Number.NaN),
    priorIntervalDays: formNumber,
    pAliveAtRiskBelow: formNumber,
  })
  .transform(({ valueScale, ...rest }) => ({ ...rest, valueScaleCents: valueScale }))
  .pipe(engagementSettingsSchema);
