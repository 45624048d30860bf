// The study's recent audit-log entries: when, who, what.
import type { TAuditEntry } from "@/db/queries/audit/list-audit";
import { describeAudit } from "@/lib/lifecycle/audit-text";

export function AuditLog({ entries }: { entries: TAuditEntry[] }) {
  if (entries.length === 0) return <p className="ms-muted">Nothing recorded yet.</p>;
  return (
    <ol className="ms-audit" data-testid="audit-log">
      {entries.map((e) => (
        <li key={e.id} data-action={e.action}>
          <time dateTime={e.at}>{e.at.slice(0, 16).replace("T", " ")} UTC</time>
          <span className="ms-audit__who">{e.researcher ? `${e.researcher.name} (${e.researcher.email})` : "system"}</span>
          <span>{describeAudit(e.action, e.detail)}</span>
        </li>
      ))}
    </ol>
  );
}
