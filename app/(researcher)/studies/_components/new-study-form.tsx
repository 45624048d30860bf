"use client";
// Creates a study from a ready template (studies/templates/) or a pasted study file.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { callApi } from "./api";

const ZNewStudy = z.object({ template: z.string(), studyFile: z.string().max(200_000) });
type TNewStudy = z.infer<typeof ZNewStudy>;

export function NewStudyForm({ templates }: { templates: string[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, watch, formState } = useForm<TNewStudy>({
    resolver: zodResolver(ZNewStudy),
    defaultValues: { template: templates[0] ?? "", studyFile: "" },
  });
  const onSubmit = handleSubmit(async (v) => {
    setError(null);
    try {
      const body = v.template === "__file" ? { studyFile: v.studyFile } : { template: v.template };
      const study = await callApi<{ id: string }>("/api/studies", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      router.push(`/studies/${study.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  });
  return (
    <form onSubmit={onSubmit} className="ms-form">
      <label>
        Start from
        <select {...register("template")}>
          {templates.map((t) => <option key={t} value={t}>{t}.yaml</option>)}
          <option value="__file">a study file I paste (YAML)</option>
        </select>
      </label>
      {watch("template") === "__file" && (
        <label>
          Study file
          <textarea rows={12} {...register("studyFile")} placeholder="mode: pairwise&#10;title: …" />
        </label>
      )}
      {error && <pre className="ms-error" role="alert">{error}</pre>}
      <button type="submit" className="ms-button" disabled={formState.isSubmitting}>Create study</button>
    </form>
  );
}
