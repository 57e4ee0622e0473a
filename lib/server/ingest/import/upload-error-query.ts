import "server-only";
import { isSignedMessage, signMessage } from "@/lib/domain/access/signed-message";
import { serverSecret } from "@/lib/server/auth/server-secret";

const PURPOSE = "import-upload-error";
// What the page shows at most: the form's own messages are one sentence.
const MAX_LENGTH = 300;

/** The query that takes an upload's error back to the Import page (the form posted without JavaScript), signed. */
export function uploadErrorQuery(message: string): Record<string, string> {
  const text = message.slice(0, MAX_LENGTH);
  return { uploadError: text, uploadErrorSignature: signMessage(text, PURPOSE, serverSecret()) };
}

/** The upload error the query carries, when the app signed it (see uploadErrorQuery); null for any other text. */
export function uploadErrorFrom(message: string | undefined, signature: string | undefined): string | null {
  return message && signature && isSignedMessage(message, signature, PURPOSE, serverSecret()) ? message : null;
}
