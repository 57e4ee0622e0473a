import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { storageStatePath } from "./demo-accounts";
import { DESKTOP, expectNoSidewaysScroll, PHONE } from "./pages/layout";

/** The curl + openssl example of docs/ingestion.md, exactly as a reader would copy it. */
function readmeCurlExample(): string {
  const doc = readFileSync("docs/ingestion.md", "utf8");
  const script = /### Try it[\s\S]*?```sh\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!script) throw new Error("docs/ingestion.md has no curl example under '### Try it'");
  return script;
}

test.describe("as admin", () => {
  test.use({ storageState: storageStatePath("admin") });

  test("an order system signs a delivery as docs/ingestion.md shows; the order lands and the delivery is listed", async ({ page, baseURL }) => {
    await page.goto("/settings/api-keys");
    await page.getByLabel("Name").fill(`README example sender ${Date.now()}`);
    await page.getByRole("button", { name: "Create key" }).click();
    const key = (await page.getByTestId("new-api-key").textContent()) ?? "";
    const secret = (await page.getByTestId("new-signing-secret").textContent()) ?? "";
    expect(secret).toMatch(/^whsec_/);

    const answer = execFileSync("bash", ["-c", readmeCurlExample()], {
      env: { ...process.env, REKINDLE_URL: baseURL, REKINDLE_KEY: key, REKINDLE_SECRET: secret },
    }).toString();
    expect(JSON.parse(answer)).toMatchObject({ created: 1 });

    await page.goto("/settings/webhooks");
    await expect(page.getByText("README example sender").first()).toBeVisible();
    await page.goto("/clients?q=ada%40example.com");
    await page.getByRole("link", { name: "Ada Lovelace" }).click();
    await expect(page.getByTestId("orders-table")).toContainText("May 1, 2026");
  });
});

test.describe("as marketer", () => {
  test.use({ storageState: storageStatePath("marketer") });

  test("a CSV with broken rows: preview names each problem, the valid rows import, the rejected ones download with reasons", async ({ page }) => {
    const csv = [
      "external_id,client_email,client_name,ordered_at,items_shipped,items_kept,value,currency",
      "CSV-1,csv.one@example.com,Cora Svensson,2026-09-01,5,3,210.00,USD",
      "CSV-2,not-an-email,Broken Email,2026-09-02,5,3,100.00,USD",
      "CSV-3,csv.one@example.com,Cora Svensson,2026-10-01,5,7,90.00,USD",
      "CSV-4,csv.one@example.com,Cora Svensson,2026-10-15,4,2,120.50,EUR",
    ].join("\n");
    await page.goto("/import");
    await page.getByLabel("CSV file").setInputFiles({ name: "orders.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByRole("button", { name: "Upload and check" }).click();

    const job = page.getByTestId("import-job");
    const errors = page.getByTestId("import-errors");
    await expect(errors).toContainText("Row 3:");
    await expect(errors).toContainText("client_email");
    await expect(errors).toContainText("Row 4:");
    await expect(errors).toContainText("items_kept");

    const download = page.waitForEvent("download");
    await job.getByRole("link", { name: /Download the 2 rejected rows/ }).click();
    const rejected = readFileSync(await (await download).path(), "utf8");
    expect(rejected).toContain("CSV-2");
    expect(rejected).toContain("CSV-3");
    expect(rejected).not.toContain("CSV-1");

    await job.getByRole("button", { name: "Import 2 valid rows" }).click();
    await expect(job).toContainText("2 / 0 / 0");

    await page.goto("/clients?q=csv.one%40example.com");
    await page.getByRole("link", { name: "Cora Svensson" }).click();
    await expect(page.getByTestId("orders-table").locator("tbody tr")).toHaveCount(2);
    // The euro order is edited in euros: the form names the order's own currency.
    await page.getByTestId("orders-table").locator("tbody tr", { hasText: "€120.50" }).getByRole("link", { name: /^Edit/ }).click();
    await expect(page.getByLabel("Kept value (EUR)")).toHaveValue("120.50");
  });
});

test.describe("the import page once a file is checked", () => {
  test.use({ storageState: storageStatePath("marketer") });
  const wide = [
    "external_id,client_email,client_name,ordered_at,items_shipped,items_kept,value,currency,status,updated_at,source",
    "WIDE-1,a.rather.long.email.address.for.a.client@example-of-a-long-domain.com,Maximiliana Featherstonehaugh-Worthington,2026-09-01,5,3,210.00,USD,shipped,2026-09-02T10:00:00Z,a-long-source-name",
    "WIDE-2,not-an-email-but-a-very-long-string-without-any-spaces-at-all,Broken,2026-09-02,5,9,100.00,USD,shipped,2026-09-02T10:00:00Z,csv",
  ].join("\n");

  for (const [device, viewport] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
    test(`fits the window on ${device}, and the file field is cleared for the next file`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/import");
      const field = page.getByLabel("CSV file");
      await field.setInputFiles({ name: `wide-${device}.csv`, mimeType: "text/csv", buffer: Buffer.from(wide) });
      await page.getByRole("button", { name: "Upload and check" }).click();
      await expect(page.getByTestId("import-errors")).toContainText("Row 3:");
      await expectNoSidewaysScroll(page);
      await expect(field).toHaveValue("");
    });
  }
});
