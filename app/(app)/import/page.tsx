import type { Metadata } from "next";
import { ImportWorkspace } from "@/components/import/import-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";
import { listImportJobs } from "@/lib/server/data/import-jobs";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  const ctx = await requirePageContext("data.import");
  const recent = await listImportJobs(ctx);
  return (
    <>
      <PageHeader title="Import" description="Bring in clients and orders from a spreadsheet. Each row is checked, and rejected rows can be downloaded with the reasons." />
      <ImportWorkspace recent={recent} />
    </>
  );
}
