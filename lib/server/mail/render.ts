import "server-only";
import { render, toPlainText } from "@react-email/components";
import type { ReactElement } from "react";

/** HTML and plain text of one React Email template. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}
