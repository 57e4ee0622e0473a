import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return <Skeleton label="Loading the model check" rows={3} rowClass="h-24" />;
}
