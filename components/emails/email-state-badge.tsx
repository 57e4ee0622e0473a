import { Badge } from "@/components/ui/badge";
import { EMAIL_STATE_LABELS, type EmailState } from "@/lib/domain/email/lifecycle";

const TONES: Record<EmailState, "neutral" | "green" | "amber" | "red" | "blue" | "ember"> = {
  draft: "amber",
  approved: "blue",
  scheduled: "blue",
  sending: "blue",
  sent: "green",
  delivered: "green",
  opened: "green",
  clicked: "green",
  bounced: "red",
  complained: "red",
  failed: "red",
  discarded: "neutral",
};

export function EmailStateBadge({ state }: { state: EmailState }) {
  return <Badge tone={TONES[state]}>{EMAIL_STATE_LABELS[state]}</Badge>;
}

export function WriterBadge({ writer }: { writer: "model" | "offline" | "offline_fallback" | "person" }) {
  if (writer === "offline") return <Badge>Written offline</Badge>;
  if (writer === "offline_fallback") return <Badge tone="amber">Written offline (AI failed)</Badge>;
  return null;
}
