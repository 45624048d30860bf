// One audit-log entry in words, as the study page shows it ("shared with bob@lab.org as viewer").

const str = (v: unknown): string => (typeof v === "string" || typeof v === "number" ? String(v) : "");

export function describeAudit(action: string, detail: Record<string, unknown> | null): string {
  const d = detail ?? {};
  switch (action) {
    case "created":
      return "created the study";
    case "imported":
      return `imported ${str(d.items)} items${d.audioFiles ? ` with ${str(d.audioFiles)} audio files` : ""}`;
    case "published":
      return `published it (configuration v${str(d.version)})`;
    case "edited":
      return d.status === "draft" ? "edited the draft's settings" : `edited the settings: configuration v${str(d.version)}`;
    case "exported":
      if (d.what === "config") return "exported the configuration (JSON)";
      if (d.what === "judgments") return "exported every judgment (CSV)";
      return `exported table ${str(d.what)} (${str(d.format).toUpperCase()})`;
    case "shared":
      return d.previousRole ? `changed ${str(d.email)} from ${str(d.previousRole)} to ${str(d.role)}` : `shared it with ${str(d.email)} as ${str(d.role)}`;
    case "unshared":
      return `removed ${str(d.email)}'s access (${str(d.role)})`;
    case "duplicated":
      return d.copyId ? `duplicated it as "${str(d.copyTitle)}"` : `created it as a copy of "${str(d.fromTitle)}" (${str(d.items)} items)`;
    case "closed":
      return "closed the study";
    case "judge_run_started":
      return `started an LLM-judge run (${str(d.model)}, ${str(d.items)} items)`;
    default:
      return action;
  }
}
