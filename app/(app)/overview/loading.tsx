import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <Skeleton label="Loading the overview" blocks={["h-24", "h-24", "h-24", "h-24"]} rows={4} rowClass="h-16" />;
}
