"use client";

import type { Route } from "next";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { DraftStreamLine } from "@/lib/domain/email/draft-stream";
import { type EditableEmail, EmailEditor } from "./email-editor";
import { hasUnsavedEdits } from "./unsaved-edits";
import { EmailStateBadge } from "./email-state-badge";
import { LocalTime } from "@/components/ui/local-time";
import type { EmailState } from "@/lib/domain/email/lifecycle";

type Existing = EditableEmail & {
  id: string;
  state: EmailState;
  origin: "stylist" | "outreach";
  createdAt: string;
  /** When it last changed, as this page read it (see EmailEditor's shownAt). */
  updatedAt: string;
  scheduledFor: string | null;
  writerNote: string | null;
  /** The latest contact logged with the client since the email was drafted (or approved). */
  contactedSince: string | null;
  /** The client's latest order after the email was written: it will not be sent. */
  orderedSince: string | null;
};

/** Where the email on its way stands, and who wrote it: a draft outreach wrote waits for someone to review it. */
function ExistingStatus({ existing }: { existing: Existing }) {
  const written = existing.origin === "outreach" ? "Written automatically by win-back outreach" : "Written";
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-stone-700" data-testid="win-back-status">
      <EmailStateBadge state={existing.state} />
      <span>
        {written} on <LocalTime value={existing.createdAt} />
        {existing.state === "draft"
          ? ": waiting for review, nothing has gone out yet."
          : existing.state === "sending"
            ? ": going out now."
            : null}
        {existing.state === "scheduled" && existing.scheduledFor ? (
          <>
            ; it goes out <LocalTime value={existing.scheduledFor} />, within the client&apos;s daytime
          </>
        ) : null}
        {existing.state === "approved" || existing.state === "scheduled" ? ". Editing it takes it back to draft, to be approved again." : null}
      </span>
      {existing.orderedSince && existing.state !== "sending" ? (
        <span className="basis-full text-sm font-medium text-amber-800">
          They ordered again <LocalTime value={existing.orderedSince} style="date" />, after this was written: it will not be sent. Discard it, or it is discarded when its time comes.
        </span>
      ) : null}
      {existing.contactedSince && existing.state !== "sending" ? (
        <span className="basis-full text-sm font-medium text-amber-800">
          Contact was logged <LocalTime value={existing.contactedSince} />, after this was {existing.state === "draft" ? "drafted" : "approved"}: check it still fits.
        </span>
      ) : null}
    </p>
  );
}
type Status = "idle" | "streaming" | "stopped" | "error";

const EMPTY: EditableEmail = { subject: "", preheader: "", body: "", callToAction: "" };

function editableOf(draft: Extract<DraftStreamLine, { type: "partial" }>["draft"]): EditableEmail {
  return { subject: draft.subject ?? "", preheader: draft.preheader ?? "", body: (draft.paragraphs ?? []).filter(Boolean).join("\n\n"), callToAction: draft.callToAction ?? "" };
}

/**
 * "Draft with AI": the email streams into the editor as it is written (subject first); stop, regenerate, edit, approve.
 * `startNow` starts a draft as the page opens (once: the query that asked for it is dropped from the address); a
 * client who cannot be sent email (`canSend` false) is offered no draft.
 */
export function DraftWithAi({
  clientId,
  existing,
  canSend = true,
  startNow = false,
  writesOffline = false,
}: {
  clientId: string;
  existing: Existing | null;
  canSend?: boolean;
  startNow?: boolean;
  /** No OpenRouter key is set: said before anyone drafts, not only in the draft's note after. */
  writesOffline?: boolean;
}) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>("idle");
  const [live, setLive] = useState<EditableEmail | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function draft(replace: boolean) {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setStatus("streaming");
    setLive(EMPTY);
    setMessage(null);
    try {
      const response = await fetch("/api/emails/draft", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ clientId, replace, shownAt: replace ? existing?.updatedAt : undefined }), signal: abort.signal });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: string } | null;
        throw new Error(body?.error ?? "The draft could not be started.");
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffered += value;
        const lines = buffered.split("\n");
        buffered = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const event = JSON.parse(line) as DraftStreamLine;
          if (event.type === "partial") setLive(editableOf(event.draft));
          else if (event.type === "restart") setMessage(`Writing again: ${event.reason}`);
          else if (event.type === "error") throw new Error(event.message);
          else if (event.type === "saved") {
            setMessage(event.note);
            setStatus("idle");
            setLive(null);
            router.refresh();
          }
        }
      }
    } catch (error) {
      if (abort.signal.aborted) return;
      setStatus("error");
      setMessage(error instanceof Error ? error.message : "The draft could not be written.");
    }
  }

  const started = useRef(false);
  useEffect(() => {
    if (!startNow || started.current) return;
    started.current = true;
    router.replace(`/clients/${clientId}#win-back-email` as Route, { scroll: false });
    void draft(false);
    // Once, on opening: the effect's other inputs do not change what it starts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [startNow]);

  // The editor's fields are the form's own (uncontrolled): what is typed there and not saved is read from them.
  const editorArea = useRef<HTMLDivElement>(null);
  function regenerate() {
    const unsaved = hasUnsavedEdits(editorArea.current?.querySelector("form"), existing ?? EMPTY);
    if (unsaved && !window.confirm("Regenerate writes a new draft in place of this one, and your unsaved changes are lost. Regenerate anyway?")) return;
    void draft(true);
  }

  function stop() {
    controller.current?.abort();
    setStatus("stopped");
    setMessage("Stopped. Nothing was saved.");
  }

  if (!canSend && !existing) return null;
  const streaming = status === "streaming";
  const shown = live ?? (existing && status !== "stopped" ? existing : null);
  return (
    <div ref={editorArea} className="space-y-4 p-5">
      <div className="flex flex-wrap items-center gap-2">
        {streaming ? (
          <Button type="button" variant="secondary" onClick={stop}>
            Stop
          </Button>
        ) : existing ? (
          <Button type="button" variant="secondary" onClick={regenerate} title="Writes a new draft in place of this one">
            Regenerate
          </Button>
        ) : canSend ? (
          <Button type="button" onClick={() => void draft(false)}>
            Draft with AI
          </Button>
        ) : null}
        {streaming ? <span className="text-sm text-stone-500" aria-live="polite">Writing…</span> : null}
        {writesOffline && canSend && !existing && !streaming && !live ? <span className="text-sm text-stone-500">Written offline from their history: no OpenRouter API key is set.</span> : null}
        {existing && !streaming ? (
          <Link href={`/emails/${existing.id}` as Route} className="text-sm text-ember-700 hover:underline">
            Preview and history
          </Link>
        ) : null}
      </div>
      {existing && !streaming && !live ? <ExistingStatus existing={existing} /> : null}
      {message ? (
        <p role={status === "error" ? "alert" : "status"} className={status === "error" ? "text-sm text-red-700" : "text-sm text-stone-600"}>
          {message}
        </p>
      ) : existing?.writerNote && !streaming ? (
        <p className="text-sm text-stone-600">{existing.writerNote}</p>
      ) : null}
      {shown ? <EmailEditor emailId={streaming ? null : (existing?.id ?? null)} shownAt={streaming ? null : (existing?.updatedAt ?? null)} saved={existing ?? EMPTY} live={live} disabled={streaming} approvable={!streaming && existing?.state === "draft"} approved={existing?.state === "approved" || existing?.state === "scheduled"} /> : null}
    </div>
  );
}
