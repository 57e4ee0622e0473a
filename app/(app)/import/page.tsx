import type { Metadata } from "next";
import { z } from "zod";
import { ImportWorkspace } from "@/components/import/import-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";
import { listImportJobs } from "@/lib/server/data/import-jobs";
import { importOutreachNoticeFor } from "@/lib/server/data/scoring-runs";
import { OutreachNotice } from "@/components/settings/scoring-run-panel";

export const metadata: Metadata = { title: "Import" };

const importParams = z.object({
  job: z.uuid().optional().catch(undefined),
  uploadError: z.string().transform((message) => message.slice(0, 300)).optional().catch(undefined),
});

/** `job` and `uploadError` come back from the form posted without JavaScript (app/api/imports/form). */
export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext("data.import");
  const [recent, notice] = await Promise.all([listImportJobs(ctx), importOutreachNoticeFor(ctx)]);
  const { job, uploadError } = importParams.parse(await searchParams);
  return (
    <>
      <PageHeader title="Import" description="Bring in clients and orders from a spreadsheet. Each row is checked, and rejected rows can be downloaded with the reasons." />
      {notice ? (
        <div className="mb-6">
          <OutreachNotice text={notice} />
        </div>
      ) : null}
      <ImportWorkspace
        recent={recent}
        selectedJob={job ?? null}
        uploadError={uploadError ?? null}
      />
    </>
  );
}
