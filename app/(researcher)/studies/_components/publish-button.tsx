"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi } from "./api";

export function PublishButton({ studyId, disabled }: { studyId: string; disabled: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="ms-button"
        disabled={disabled || busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await callApi(`/api/studies/${studyId}/publish`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
            router.refresh();
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? "Publishing…" : "Publish study"}
      </button>
      {error && <p className="ms-error" role="alert">{error}</p>}
    </>
  );
}
