import { Skeleton } from "@/components/ui/skeleton";

// Inside the settings layout, which checks access before anything streams: only the tab's content waits here.
export default function Loading() {
  return <Skeleton label="Loading settings" rows={5} />;
}
