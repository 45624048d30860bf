// "Saving…" while a submit is in flight, and the error a participant can act on.
export function StepStatus({ saving, error }: { saving: boolean; error: string | null }) {
  return (
    <>
      <p className="ms-status" role="status" aria-live="polite">
        {saving ? "Saving…" : ""}
      </p>
      {error ? (
        <p className="ms-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
