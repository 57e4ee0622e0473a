import { Skeleton } from "@/components/ui/skeleton";

// In its own route group so the loading skeleton wraps only the list: a client page that is not
// found must answer 404 before anything streams.
export default function Loading() {
  return <Skeleton label="Loading clients" rows={8} />;
}
