import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <Skeleton label="Loading today's list" blocks={["h-16", "h-16"]} rows={6} rowClass="h-16" />;
}
