import { eq, sql } from "drizzle-orm";
import { describe, expect, it, onTestFinished, vi } from "vitest";
import type { UserActor } from "@/lib/domain/access/policy";
import { dayInZone } from "@/lib/domain/time/format";
import { db } from "@/lib/server/db/client";
import { auditLog, clients, importJobs, orders } from "@/lib/server/db/schema";
import { startImport } from "@/lib/server/services/imports/start-import";
import { userContext } from "@/test/fixtures";
import { drainEngine, serveInngestForEachTest } from "@/test/inngest-engine";
import { GET as getRejected } from "./[jobId]/rejected/route";
import { GET as getJob } from "./[jobId]/route";
import { POST as upload } from "./route";

// Imports are checked and stored by the import function, which the embedded engine runs through /api/inngest.
serveInngestForEachTest();

// The session is the one thing replaced: requests run as `session.actor`.
const session = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/server/auth/session", () => ({ currentActor: async () => session.actor }));

async function signIn(role: "admin" | "marketer" | "stylist" = "marketer") {
  const ctx = await userContext(role);
  session.actor = ctx.actor;
  return ctx;
}

async function uploadCsv(kind: string, csv: string | Uint8Array<ArrayBuffer>, name = "file.csv") {
  const response = await upload(new Request(`http://localhost/api/imports?kind=${kind}&name=${name}`, { method: "POST", headers: { "Content-Type": "text/csv" }, body: csv }));
  const body = (await response.json()) as { id: string; status: string };
  if (response.status === 201) await drainEngine();
  return { response, body };
}

async function job(id: string) {
  const response = await getJob(new Request(`http://localhost/api/imports/${id}`), { params: Promise.resolve({ jobId: id }) });
  return (await response.json()) as Record<string, unknown>;
}

const ORDERS_CSV = [
  "External ID,Client Email,Client Name,Ordered At,Items Shipped,Items Kept,Value,Status",
  "A-1,ada@example.com,Ada,2026-05-01,5,2,129.50,shipped",
  "A-2,bo@example.com,,2026-05-02T10:00:00Z,3,1,\"1,050.00\",shipped",
  "A-3,not-an-email,Cy,2026-05-03,5,7,12,shipped",
  "A-4,ada@example.com,Ada,someday,5,2,lots,lost",
  "A-1,ada@example.com,Ada,2026-05-01,5,2,129.50,shipped",
].join("\n");

describe("CSV import", () => {
  it("checks an orders file: preview, per-row errors, and a download of the rejected rows with reasons", async () => {
    await signIn("marketer");
    const { response, body } = await uploadCsv("orders", ORDERS_CSV, "june.csv");
    expect(response.status).toBe(201);
    const checked = await job(body.id);
    expect(checked).toMatchObject({ status: "ready", totalRows: 5, validRows: 3, invalidRows: 2, percent: 100 });
    expect(checked.columns).toEqual(["external_id", "client_email", "client_name", "ordered_at", "items_shipped", "items_kept", "value", "status"]);
    expect((checked.previewRows as unknown[]).length).toBe(5);
    expect(checked.errorSample).toEqual([
      { row: 4, errors: [{ field: "client_email", message: "Not a valid email address" }, { field: "items_kept", message: "Cannot keep more items than were shipped" }] },
      {
        row: 5,
        errors: [
          { field: "value", message: "Give the kept value as an amount like 129.50" },
          { field: "ordered_at", message: "Give ordered_at as an ISO 8601 date-time with a zone, like 2026-05-01T10:00:00Z" },
          { field: "status", message: "Use one of: placed, shipped, returned, cancelled" },
        ],
      },
    ]);
    expect(await db.$count(orders)).toBe(0); // nothing stored before the user imports

    const download = await getRejected(new Request("http://localhost"), { params: Promise.resolve({ jobId: body.id }) });
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="june-rejected.csv"');
    expect(await download.text()).toBe(
      [
        "External ID,Client Email,Client Name,Ordered At,Items Shipped,Items Kept,Value,Status,error",
        "A-3,not-an-email,Cy,2026-05-03,5,7,12,shipped,client_email: Not a valid email address; items_kept: Cannot keep more items than were shipped",
        'A-4,ada@example.com,Ada,someday,5,2,lots,lost,"value: Give the kept value as an amount like 129.50; ordered_at: Give ordered_at as an ISO 8601 date-time with a zone, like 2026-05-01T10:00:00Z; status: Use one of: placed, shipped, returned, cancelled"',
        "",
      ].join("\r\n"),
    );
  });

  it("imports the valid rows through the same upsert as the webhooks: a repeated row and a re-import change nothing", async () => {
    const ctx = await signIn("admin");
    const { body } = await uploadCsv("orders", ORDERS_CSV);
    await startImport({ ctx, input: { jobId: body.id } });
    await drainEngine();
    expect(await job(body.id)).toMatchObject({ status: "done", importedRows: 3, created: 2, unchanged: 1 });
    expect(await db.$count(orders)).toBe(2);
    const [ada] = await db.select().from(clients).where(eq(clients.email, "ada@example.com"));
    expect(ada).toMatchObject({ name: "Ada", orderCount: 1 });
    const [bo] = await db.select().from(clients).where(eq(clients.email, "bo@example.com"));
    expect(bo?.name).toBe("bo");
    const [a2] = await db.select().from(orders).where(eq(orders.externalId, "A-2"));
    expect(a2).toMatchObject({ source: "csv", valueCents: 105_000 });

    // The same rows imported again later are a newer version with the same values: stored once, counted once,
    // and reported unchanged (nobody's history moved, so nobody is rescored); only the version moves on.
    const again = await uploadCsv("orders", ORDERS_CSV);
    await startImport({ ctx, input: { jobId: again.body.id } });
    await drainEngine();
    expect(await job(again.body.id)).toMatchObject({ status: "done", importedRows: 3, created: 0, updated: 0, unchanged: 3 });
    expect(await db.$count(orders)).toBe(2);
    expect((await db.select().from(clients).where(eq(clients.email, "ada@example.com")))[0]?.orderCount).toBe(1);
    const [a2Again] = await db.select().from(orders).where(eq(orders.externalId, "A-2"));
    expect(a2Again?.sourceUpdatedAt?.getTime()).toBeGreaterThan(a2?.sourceUpdatedAt?.getTime() ?? Infinity);

    // One value changed in the file: that order, and only it, is updated.
    const changed = await uploadCsv("orders", ORDERS_CSV.replace('"1,050.00"', '"1,060.00"'));
    await startImport({ ctx, input: { jobId: changed.body.id } });
    await drainEngine();
    expect(await job(changed.body.id)).toMatchObject({ status: "done", created: 0, updated: 1, unchanged: 2 });
    expect((await db.select().from(orders).where(eq(orders.externalId, "A-2")))[0]?.valueCents).toBe(106_000);
  });

  it("imports client profiles, leaving out what the file leaves empty", async () => {
    const ctx = await signIn("admin");
    const csv = ["email,name,size_top,preferred_styles,marketing_consent,timezone", "ada@example.com,Ada,M,classic;minimal,yes,Europe/London", "bo@example.com,Bo,,,no,", "bad,,,gothic,maybe,Mars/Olympus"].join("\n");
    const { body } = await uploadCsv("clients", csv);
    expect(await job(body.id)).toMatchObject({ validRows: 2, invalidRows: 1 });
    await startImport({ ctx, input: { jobId: body.id } });
    await drainEngine();
    const rows = await db.select().from(clients).orderBy(clients.email);
    expect(rows.map((r) => [r.email, r.sizes, r.preferredStyles, r.marketingConsent, r.timezone])).toEqual([
      ["ada@example.com", { top: "M" }, ["classic", "minimal"], true, "Europe/London"],
      ["bo@example.com", {}, [], false, "UTC"],
    ]);
  });

  it("stores an order's day alone on that day in its client's timezone, at UTC+13 as at UTC", async () => {
    const ctx = await signIn("admin");
    const profiles = await uploadCsv("clients", ["email,name,timezone", "kiri@example.com,Kiri,Pacific/Auckland"].join("\n"));
    await startImport({ ctx, input: { jobId: profiles.body.id } });
    await drainEngine();
    const csv = ["external_id,client_email,ordered_at,items_shipped,items_kept,value", "K-1,kiri@example.com,2026-01-05,4,2,80", "N-1,new@example.com,2026-01-05,4,2,80"].join("\n");
    const { body } = await uploadCsv("orders", csv);
    await startImport({ ctx, input: { jobId: body.id } });
    await drainEngine();
    const stored = new Map((await db.select().from(orders)).map((o) => [o.externalId, o.orderedAt]));
    // Noon in Auckland on 5 January (summer time, UTC+13), not noon UTC, which is 1 am on the 6th there.
    expect(stored.get("K-1")).toEqual(new Date("2026-01-04T23:00:00Z"));
    expect(dayInZone(stored.get("K-1") ?? new Date(Number.NaN), "Pacific/Auckland")).toBe("2026-01-05");
    // A client the file creates has UTC until a client file says otherwise.
    expect(stored.get("N-1")).toEqual(new Date("2026-01-05T12:00:00Z"));
  });

  it("resumes an import that a restart interrupted after the last stored chunk", async () => {
    const ctx = await signIn("admin");
    const { body } = await uploadCsv("orders", ORDERS_CSV);
    // As a server restart leaves it: importing, 2 valid rows stored, no heartbeat for minutes.
    await db.update(importJobs).set({ status: "importing", importedRows: 2, heartbeatAt: new Date(Date.now() - 5 * 60_000) }).where(eq(importJobs.id, body.id));
    expect(await job(body.id)).toMatchObject({ interrupted: true });
    await startImport({ ctx, input: { jobId: body.id } });
    await drainEngine();
    expect(await job(body.id)).toMatchObject({ status: "done", importedRows: 3, interrupted: false });
    expect((await db.select().from(orders)).map((o) => o.externalId)).toEqual(["A-1"]); // only the third valid row was left to store
    await expect(startImport({ ctx, input: { jobId: body.id } })).rejects.toThrow("already imported");
  });

  it("fails a file that lacks required columns, naming them", async () => {
    await signIn();
    const { body } = await uploadCsv("orders", "id,email\n1,a@example.com\n");
    expect(await job(body.id)).toMatchObject({ status: "failed", error: "The file lacks these columns: external_id, client_email, ordered_at, items_shipped, items_kept, value (or value_cents). The first row must name the columns." });
  });

  it("reports a row the CSV parser cannot read instead of stopping", async () => {
    await signIn();
    // A quote opened and never closed: the parser cannot tell where the row ends.
    const csv = ["email,name", "ada@example.com,Ada", 'bo@example.com,"Bo the Brave', "cy@example.com,Cy", "di@example.com,Di"].join("\n");
    const { body } = await uploadCsv("clients", csv);
    const checked = await job(body.id);
    expect(checked).toMatchObject({ status: "ready", validRows: 1, invalidRows: 1 });
    // It says the rows after it went with it, and how to mend the file.
    expect(checked.errorSample).toEqual([
      {
        row: 3,
        errors: [{ field: "row", message: 'A cell on this row opens a quote (") that is never closed, so the 2 lines after it were read into this row and not checked. Close the quote or remove it, then upload the file again.' }],
      },
    ]);
  });

  it("reads a quote inside a field as text, so a row with one keeps every cell and is checked like any other", async () => {
    await signIn();
    const csv = ["external_id,client_email,ordered_at,items_shipped,items_kept,value", 'Q-1,=HYPERLINK("x"),2026-01-01,5,2,10.00', 'Q-2,q@example.com,2026-01-02,5,2,10.00'].join("\n");
    const { body } = await uploadCsv("orders", csv);
    const checked = await job(body.id);
    expect(checked).toMatchObject({ status: "ready", totalRows: 2, validRows: 1, invalidRows: 1 });
    expect(checked.errorSample).toMatchObject([{ row: 2, errors: [{ field: "client_email" }] }]);
  });

  it("streams a large file into the database in parts and checks it in chunks", async () => {
    await signIn();
    const lines = ["external_id,client_email,ordered_at,items_shipped,items_kept,value_cents"];
    for (let i = 0; i < 40_000; i++) lines.push(`L-${i},c${i % 500}@example.com,2026-01-01,4,${i % 5 === 0 ? 9 : 2},${i}`);
    const { body } = await uploadCsv("orders", lines.join("\n"));
    const [stored] = await db.execute<{ parts: number; bytes: number }>(
      sql`select count(*)::int as parts, sum(length(bytes))::int as bytes from import_file_parts where job_id = ${body.id} and file = 'upload'`,
    );
    expect(stored?.bytes).toBeGreaterThan(1_000_000);
    expect(stored?.parts).toBeGreaterThan(1);
    expect(await job(body.id)).toMatchObject({ status: "ready", totalRows: 40_000, validRows: 32_000, invalidRows: 8_000 });
  });

  it("refuses people without the import permission, and the unsigned", async () => {
    await signIn("stylist");
    expect((await uploadCsv("orders", ORDERS_CSV)).response.status).toBe(403);
    session.actor = null;
    expect((await uploadCsv("orders", ORDERS_CSV)).response.status).toBe(401);
    expect(await db.$count(importJobs)).toBe(0);
  });

  it("rejects every row the store would refuse (a NUL byte) while checking, and imports all the others", async () => {
    const ctx = await signIn("admin");
    const lines = ["external_id,client_email,ordered_at,items_shipped,items_kept,value_cents,notes"];
    // 1,500 rows: the NUL sits in the second chunk, in a column the import reads, and in one it ignores.
    for (let i = 1; i <= 1_500; i++) lines.push(`N-${i},c${i % 50}@example.com,2026-01-01,4,2,${i},${i === 7 ? "ig\0nored" : ""}`);
    lines[1_201] = "N-1201,c1@example.com,2026-01-01,4,2,1201\0,";
    const { body } = await uploadCsv("orders", lines.join("\n"));
    expect(await job(body.id)).toMatchObject({ status: "ready", validRows: 1_499, invalidRows: 1, errorSample: [{ row: 1_202, errors: [{ field: "value_cents", message: expect.stringMatching(/NUL/) }] }] });
    await startImport({ ctx, input: { jobId: body.id } });
    await drainEngine();
    expect(await job(body.id)).toMatchObject({ status: "done", importedRows: 1_499, error: null });
    expect(await db.$count(orders)).toBe(1_499);
  });

  it("stores each chunk whole or not at all, says which rows failed in plain words, and resumes from that chunk", async () => {
    const ctx = await signIn("admin");
    const lines = ["external_id,client_email,ordered_at,items_shipped,items_kept,value_cents"];
    for (let i = 1; i <= 2_500; i++) lines.push(`F-${i},c${i % 50}@example.com,2026-01-01,4,2,${i}`);
    const { body } = await uploadCsv("orders", lines.join("\n"));
    // Something the checks cannot foresee refuses one row of the second chunk when it is written.
    await db.execute(sql`create function refuse_f1500() returns trigger language plpgsql as $$ begin
      if new.external_id = 'F-1500' then raise exception 'insert into orders refused: %', row_to_json(new); end if; return new; end $$`);
    await db.execute(sql`create trigger refuse_f1500 before insert on orders for each row execute function refuse_f1500()`);
    onTestFinished(() => db.execute(sql`drop trigger if exists refuse_f1500 on orders`).then(() => undefined));
    await startImport({ ctx, input: { jobId: body.id } });
    await drainEngine();
    const failed = await job(body.id);
    expect(failed).toMatchObject({ status: "failed", importedRows: 1_000 });
    expect(failed.error).toBe("Rows 1,002–2,001 of the file could not be stored, so none of them were; the 1,000 valid rows before them are imported. Press Try again to continue from row 1,002.");
    expect(String(failed.error)).not.toMatch(/insert|select|refused|F-1500|@example/i);
    expect(await db.$count(orders)).toBe(1_000); // the first chunk, and nothing of the second
    // The stop is in the audit log, as the system's, in the uploader's words.
    const [stopped] = await db.select().from(auditLog).where(eq(auditLog.action, "import.orders.fail"));
    expect(stopped).toMatchObject({ entityId: body.id, actorId: null, actorLabel: "system:import", after: { phase: "import", error: failed.error, importedRows: 1_000 } });

    await db.execute(sql`drop trigger refuse_f1500 on orders`);
    await startImport({ ctx, input: { jobId: body.id } });
    await drainEngine();
    expect(await job(body.id)).toMatchObject({ status: "done", importedRows: 2_500, created: 2_500, error: null });
    expect(await db.$count(orders)).toBe(2_500);
  });

  it("ends as failed with a clear message, never stuck checking, for an .xlsx workbook or a header with a NUL", async () => {
    await signIn();
    // The first bytes of every .xlsx: a ZIP archive's local file header, then binary.
    const xlsx = new Uint8Array(Buffer.concat([Buffer.from("504b030414000600080000002100", "hex"), Buffer.from("[Content_Types].xml\0\0\x01binary")]));
    for (const file of [xlsx, "external_id\0,client_email,ordered_at,items_shipped,items_kept,value\nA-1,a@example.com,2026-01-01,1,1,1\n"]) {
      const { body } = await uploadCsv("orders", file, "june.xlsx");
      const checked = await job(body.id);
      expect(checked).toMatchObject({ status: "failed", error: expect.stringMatching(/not a CSV text file.*CSV \(UTF-8\)/) });
      expect(checked.finishedAt).not.toBeNull();
    }
  });

  it("ends as failed, saying to save as UTF-8, for a file in Latin-1, rather than importing its names mangled; UTF-8 with a BOM is fine", async () => {
    await signIn();
    const latin1 = new Uint8Array(Buffer.from("email,name\njose@example.com,Jos\u00e9 M\u00fcller\n", "latin1"));
    const { body } = await uploadCsv("clients", latin1, "clients.csv");
    expect(await job(body.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/^This file is not UTF-8 text.*CSV \(UTF-8\)/) });
    const utf8 = new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("email,name\njose@example.com,Jos\u00e9 M\u00fcller\n", "utf8")]));
    const { body: good } = await uploadCsv("clients", utf8, "clients.csv");
    expect(await job(good.id)).toMatchObject({ status: "ready", validRows: 1 });
  });

  it("says a file separated by semicolons is, rather than that it lacks every column", async () => {
    await signIn();
    const { body } = await uploadCsv("orders", "external_id;client_email;ordered_at;items_shipped;items_kept;value\nA-1;a@example.com;2026-01-01;1;1;1\n");
    expect(await job(body.id)).toMatchObject({ status: "failed", error: expect.stringMatching(/^The file's columns are separated by semicolons, not commas\./) });
  });

  it("neutralises every cell of the rejected-rows download that a spreadsheet would run as a formula", async () => {
    await signIn();
    const csv = ["email,name,notes", "bad-1,-2+3+cmd|' /C calc'!A0,x", "bad-2,-1+1,=1+1", "bad-3,+1,@SUM(A1)", 'bad-4,"\tx","\rx"'].join("\n");
    const { body } = await uploadCsv("clients", csv);
    const download = await getRejected(new Request("http://localhost"), { params: Promise.resolve({ jobId: body.id }) });
    const cells = (await download.text()).split("\r\n").slice(1, -1).flatMap((line) => line.replace(/^"|"$/g, "").split(/",?"?|,/));
    for (const cell of cells) expect({ cell, dangerous: /^[=+\-@\t\r]/.test(cell) }).toEqual({ cell, dangerous: false });
    expect(cells).toEqual(expect.arrayContaining(["'-2+3+cmd|' /C calc'!A0", "'-1+1", "'=1+1", "'+1", "'@SUM(A1)"]));
  });

  it("answers 400 for an unknown kind", async () => {
    await signIn();
    const { response, body } = await uploadCsv("invoices", ORDERS_CSV);
    expect(response.status).toBe(400);
    expect(body).toMatchObject({ fieldErrors: { kind: ["Choose clients or orders"] } });
  });
});
