import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { db } from "@/lib/server/db/client";
import { importJobs } from "@/lib/server/db/schema";
import { userContext } from "@/test/fixtures";
import { uploadErrorFrom } from "@/lib/server/ingest/import/upload-error-query";
import { POST } from "./route";

const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

const post = (form: FormData, headers: Record<string, string> = {}) => POST(new Request("http://localhost/api/imports/form", { method: "POST", body: form, headers }));
const csvForm = (kind: string, csv: string | null) => {
  const form = new FormData();
  form.set("kind", kind);
  if (csv !== null) form.set("file", new File([csv], "june.csv", { type: "text/csv" }));
  return form;
};

describe("the Import form without JavaScript", () => {
  it("uploads a small file in one request and returns to the page showing the new job", async () => {
    session.actor = (await userContext("marketer")).actor;
    const response = await post(csvForm("clients", "email,name\nada@example.com,Ada\n"));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.pathname).toBe("/import");
    const [job] = await db.select().from(importJobs).where(eq(importJobs.id, location.searchParams.get("job") ?? ""));
    expect(job).toMatchObject({ kind: "clients", fileName: "june.csv", status: "validating", fileBytes: 31 });
  });

  it("returns to the page saying what was wrong: no file, a wrong kind, a file too large for one request", async () => {
    session.actor = (await userContext("admin")).actor;
    const error = async (response: Response) => new URL(response.headers.get("location") ?? "").searchParams.get("uploadError");
    expect(await error(await post(csvForm("orders", null)))).toBe("Choose a CSV file first.");
    expect(await error(await post(csvForm("pets", "a,b\n")))).toBe("Choose clients or orders");
    expect(await error(await post(csvForm("orders", "a,b\n"), { "content-length": String(10 * 1024 * 1024) }))).toContain("at most 4 MiB");
    // A file whose name holds a NUL, a body that is no form, and a multipart body cut short.
    const nul = new FormData();
    nul.set("kind", "clients");
    nul.set("file", new File(["email,name\n"], "june\u0000.csv", { type: "text/csv" }));
    expect(await error(await post(nul))).toMatch(/^Remove the NUL character/);
    const raw = (body: string, contentType: string) => POST(new Request("http://localhost/api/imports/form", { method: "POST", body, headers: { "content-type": contentType } }));
    expect(await error(await raw("kind=clients", "text/plain"))).toBe("The upload could not be read as a form; choose the file and send it again.");
    expect(await error(await raw("--x\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncli", "multipart/form-data; boundary=x"))).toBe(
      "The upload could not be read as a form; choose the file and send it again.",
    );
    expect(await db.$count(importJobs)).toBe(0);
  });

  it("signs the error it takes back, so the page shows the app's own words and no others", async () => {
    session.actor = (await userContext("admin")).actor;
    const back = new URL((await post(csvForm("orders", null))).headers.get("location") ?? "").searchParams;
    expect(uploadErrorFrom(back.get("uploadError") ?? undefined, back.get("uploadErrorSignature") ?? undefined)).toBe("Choose a CSV file first.");
    expect(uploadErrorFrom("Your session expired. Sign in at https://evil.example", back.get("uploadErrorSignature") ?? undefined)).toBeNull();
    expect(uploadErrorFrom("Choose a CSV file first.", undefined)).toBeNull();
  });
});
