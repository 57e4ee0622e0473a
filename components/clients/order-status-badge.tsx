import { Badge } from "@/components/ui/badge";
import type { OrderStatusValue } from "@/lib/domain/orders/order-input";

const TONES = { placed: "blue", shipped: "ember", returned: "neutral", cancelled: "red" } as const;

export function OrderStatusBadge({ status }: { status: OrderStatusValue }) {
  return <Badge tone={TONES[status]}>{status[0]?.toUpperCase() + status.slice(1)}</Badge>;
}
