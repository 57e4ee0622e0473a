import "server-only";
import { render, toPlainText } from "@react-email/components";
import type { ReactElement } from "react";

/** HTML and plain text of one React Email template; the text is converted from the HTML unless the template writes its own. */
export async function renderEmail(element: ReactElement, text?: string): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: text ?? toPlainText(html) };
}
