import type { Metadata } from "next";
import { z } from "zod";
import { ImportWorkspace } from "@/components/import/import-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/server/auth/session";
import { listImportJobs } from "@/lib/server/data/import-jobs";
import { importOutreachNoticeFor } from "@/lib/server/data/scoring-runs";
import { uploadErrorFrom } from "@/lib/server/ingest/import/upload-error-query";
import { OutreachNotice } from "@/components/settings/scoring-run-panel";

export const metadata: Metadata = { title: "Import" };

const importParams = z.object({
  job: z.uuid().optional().catch(undefined),
  uploadError: z.string().optional().catch(undefined),
  uploadErrorSignature: z.string().optional().catch(undefined),
});

/**
 * `job` and `uploadError` come back from the form posted without JavaScript (app/api/imports/form); the error only
 * with the app's own signature, so a link from elsewhere cannot put words on the page.
 */
export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext("data.import");
  const [recent, notice] = await Promise.all([listImportJobs(ctx), importOutreachNoticeFor(ctx)]);
  const { job, uploadError, uploadErrorSignature } = importParams.parse(await searchParams);
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
        uploadError={uploadErrorFrom(uploadError, uploadErrorSignature)}
      />
    </>
  );
}
