import "server-only";
import { render } from "@react-email/components";
import type { ReactElement } from "react";

/** HTML and plain text of one React Email template. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
