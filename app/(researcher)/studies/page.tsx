// The researcher's own studies and those shared with them (with their role), and creating a new one from a template or a study file.
import "@/components/lifecycle.css";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { listStudiesForResearcher } from "@/db/queries/studies/list-studies-for-researcher";
import { authOptions } from "@/lib/auth";
import { listTemplates } from "@/studies/registry";
import { NewStudyForm } from "./_components/new-study-form";

export default async function StudiesPage() {
  const session = await getServerSession(authOptions);
  // The layout redirects too, but Next renders the page alongside it: never assume a session here.
  if (!session?.user?.id) redirect("/signin?callbackUrl=/studies");
  const rows = await listStudiesForResearcher({ researcherId: session.user.id });
  return (
    <>
      <h1>Your studies</h1>
      {rows.length === 0 ? (
        <p className="ms-muted">No studies yet: create one below.</p>
      ) : (
        <table className="ms-table">
          <thead>
            <tr><th>Study</th><th>Access</th><th>Mode</th><th>Status</th><th>Items</th><th>Participants</th><th>Judgments</th></tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id}>
                <td><Link href={`/studies/${s.id}`}>{s.title}</Link></td>
                <td>
                  <span className={`ms-badge ms-badge-${s.role}`}>{s.role}</span>
                  {s.role !== "owner" && <div className="ms-muted" style={{ fontSize: "0.85em" }}>shared by {s.ownerEmail}</div>}
                </td>
                <td>{s.mode}</td>
                <td><span className={`ms-status ms-status-${s.status}`}>{s.status}</span></td>
                <td>{s.items}</td>
                <td>{s.participants}</td>
                <td>{s.judgments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>New study</h2>
      <NewStudyForm templates={listTemplates()} />
    </>
  );
}
