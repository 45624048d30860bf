"use client";
// Close a live study, duplicate it (owner or editor), delete it (owner).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "../../_components/api";

export function LifecycleActions({ studyId, status, canWrite, isOwner }: { studyId: string; status: string; canWrite: boolean; isOwner: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const post = (path: string) => callApi<Record<string, unknown>>(`/api/studies/${studyId}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (!canWrite) return <p className="ms-muted">You can view this study; its owner or an editor can close or duplicate it.</p>;
  return (
    <>
      <div className="ms-actions">
        {status === "live" && (
          <button
            type="button"
            className="ms-button"
            disabled={busy}
            onClick={() => {
              if (!window.confirm("Close this study? Participants will be turned away; results stay readable.")) return;
              void act(async () => {
                await post("close");
                router.refresh();
              });
            }}
          >
            Close study
          </button>
        )}
        <button
          type="button"
          className="ms-button"
          disabled={busy}
          onClick={() => act(async () => {
            const copy = await post("duplicate");
            router.push(`/studies/${String(copy.id)}`);
          })}
        >
          Duplicate
        </button>
        {isOwner && (
          <button
            type="button"
            className="ms-button ms-button--danger"
            disabled={busy}
            onClick={() => {
              if (!window.confirm("Delete this study with all its items, participants and answers? This cannot be undone.")) return;
              void act(async () => {
                await callApi(`/api/studies/${studyId}`, { method: "DELETE" });
                router.push("/studies");
              });
            }}
          >
            Delete study
          </button>
        )}
      </div>
      {error && <p className="ms-error" role="alert">{error}</p>}
    </>
  );
}
