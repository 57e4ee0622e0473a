import { describe, expect, it } from "vitest";
import { isSignedMessage, signMessage } from "./signed-message";

describe("signed messages", () => {
  it("accepts the app's own message for its purpose, and nothing changed, forged or meant for another purpose", () => {
    const signature = signMessage("Choose a CSV file first.", "import-upload-error", "s3cret");
    expect(isSignedMessage("Choose a CSV file first.", signature, "import-upload-error", "s3cret")).toBe(true);
    expect(isSignedMessage("Your session expired. Sign in at https://evil.example", signature, "import-upload-error", "s3cret")).toBe(false);
    expect(isSignedMessage("Choose a CSV file first.", signature, "another-purpose", "s3cret")).toBe(false);
    expect(isSignedMessage("Choose a CSV file first.", signature, "import-upload-error", "another secret")).toBe(false);
    expect(isSignedMessage("Choose a CSV file first.", "", "import-upload-error", "s3cret")).toBe(false);
  });
});
