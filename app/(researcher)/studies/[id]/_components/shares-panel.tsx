"use client";
// Who has access to the study; the owner shares it by email as viewer or editor, changes roles and removes access.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { callApi } from "../../_components/api";

const ZShare = z.object({ email: z.string().trim().email("an email address"), role: z.enum(["viewer", "editor"]) });
type TShare = z.infer<typeof ZShare>;

export interface TSharesView {
  owner: { email: string; name: string };
  shares: { researcherId: string; email: string; name: string; role: "viewer" | "editor" }[];
}

export function SharesPanel({ studyId, isOwner, view }: { studyId: string; isOwner: boolean; view: TSharesView }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<TShare>({ resolver: zodResolver(ZShare), defaultValues: { email: "", role: "viewer" } });
  const run = async (key: string, action: () => Promise<string>) => {
    setBusy(key);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await action() });
      router.refresh();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(null);
    }
  };
  const json = (method: string, body: unknown) => ({ method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const onShare = handleSubmit((v) =>
    run("add", async () => {
      await callApi(`/api/studies/${studyId}/shares`, json("POST", v));
      reset({ email: "", role: v.role });
      return `Shared with ${v.email} as ${v.role}.`;
    }),
  );
  return (
    <div data-testid="shares">
      <div className="ms-share-row">
        <span className="ms-share-who">{view.owner.name} <span className="ms-muted">{view.owner.email}</span></span>
        <span className="ms-badge ms-badge-owner">owner</span>
      </div>
      {view.shares.map((s) => (
        <div className="ms-share-row" key={s.researcherId} data-testid={`share-${s.email}`}>
          <span className="ms-share-who">{s.name} <span className="ms-muted">{s.email}</span></span>
          {isOwner ? (
            <>
              <label className="ms-visually-hidden" htmlFor={`role-${s.researcherId}`}>Role of {s.email}</label>
              <select
                id={`role-${s.researcherId}`}
                value={s.role}
                disabled={busy !== null}
                onChange={(e) => {
                  const role = e.target.value;
                  void run(s.researcherId, async () => {
                    await callApi(`/api/studies/${studyId}/shares/${s.researcherId}`, json("PATCH", { role }));
                    return `${s.email} is now ${role}.`;
                  });
                }}
              >
                <option value="viewer">viewer</option>
                <option value="editor">editor</option>
              </select>
              <button
                type="button"
                className="ms-button ms-button--quiet"
                disabled={busy !== null}
                onClick={() => run(s.researcherId, async () => {
                  await callApi(`/api/studies/${studyId}/shares/${s.researcherId}`, { method: "DELETE" });
                  return `${s.email} no longer has access.`;
                })}
              >
                Remove
              </button>
            </>
          ) : (
            <span className={`ms-badge ms-badge-${s.role}`}>{s.role}</span>
          )}
        </div>
      ))}
      {view.shares.length === 0 && <p className="ms-muted">Not shared with anyone.</p>}
      {isOwner ? (
        <form className="ms-inline-form" onSubmit={onShare} noValidate>
          <label>Researcher&apos;s email<input type="email" autoComplete="off" {...register("email")} /></label>
          <label style={{ flex: "0 1 9em" }}>
            Role
            <select aria-label="Role" {...register("role")}>
              <option value="viewer">viewer (read only)</option>
              <option value="editor">editor</option>
            </select>
          </label>
          <button type="submit" className="ms-button" disabled={formState.isSubmitting || busy !== null}>Share</button>
          {formState.errors.email && <p className="ms-error" style={{ flexBasis: "100%" }}>{formState.errors.email.message}</p>}
        </form>
      ) : (
        <p className="ms-muted">Only the owner can share this study or change who has access.</p>
      )}
      {message && <p className={message.ok ? "ms-ok" : "ms-error"} role="status">{message.text}</p>}
    </div>
  );
}
