// A rating study's items from multitrack stems: build segments with a gain error, then attach each system's advice.
import Link from "next/link";
import { notFound } from "next/navigation";
import { loadOwnStudy } from "../../_lib/load-own-study";
import { AdviceForm, StemsForm } from "./_components/stems-form";

export default async function StemsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { study } = await loadOwnStudy(id, "write");
  if (study.config.mode !== "rating") notFound();
  const systems = study.config.systems.map((s) => s.id);
  return (
    <>
      <p><Link href={`/studies/${study.id}`}>← {study.title}</Link></p>
      <h1>Items from stems</h1>
      {study.status !== "draft" ? (
        <p className="ms-muted">This study is {study.status}; items can be added only while it is a draft.</p>
      ) : (
        <>
          <section className="ms-card">
            <h2>1. Build items from stems</h2>
            <p className="ms-muted">
              Each song is cut into segments; in each segment one stem other than the anchor is made louder or quieter by the
              gain error (stems and signs balanced, drawn from the seed). Every item gets the mix, the anchor and each stem as
              clips, and the changed track and its error as ground truth. Stems must share one sample rate; mono stems play in
              the centre; shorter stems are padded with silence.
            </p>
            <StemsForm studyId={study.id} defaultSeed={study.slug} />
          </section>
          <section className="ms-card">
            <h2>2. Attach each system&apos;s advice</h2>
            <AdviceForm studyId={study.id} systems={systems} />
          </section>
        </>
      )}
    </>
  );
}
