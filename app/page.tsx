// The front page: where researchers sign in and newcomers find the demo study.
import Link from "next/link";
import { listLiveDemoStudies } from "@/db/queries/studies/list-live-demo-studies";

export const dynamic = "force-dynamic";

export default async function Home() {
  const demos = await listLiveDemoStudies();
  return (
    <main className="ms-page">
      <h1>MixStudy</h1>
      <p>Human evaluation studies of AI mixing assistants: pairwise judgments of generated versus expert mixing advice, with exports that match the MixAssist paper&apos;s tables.</p>
      <p>
        <Link className="ms-button" href="/studies">Researcher sign-in</Link>
      </p>
      {demos.length > 0 && (
        <section>
          <h2>Try the demo study as a participant</h2>
          <ul>
            {demos.map((d) => (
              <li key={d.slug}>
                <Link href={`/s/${d.slug}`}>{d.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
