// Benchmark: 1,000,000 synthetic judgments over 2,000 items and 5,000 participants (200 rounds
// each) on a real PostgreSQL server; the time to compute every table of the mode with its
// statistics (bootstrap included) through the researcher export path, vs a plain SQL GROUP BY of
// the same counts in the same run; and the long CSV export's time and peak memory.
//   npm run bench:export [-- --mode pairwise|listwise|both --judgments 1000000]
import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { createResearcher } from "@/db/queries/researchers/create-researcher";
import { createStudy } from "@/db/queries/studies/create-study";
import { listJudgmentsForExport } from "@/db/queries/judgments/list-judgments-for-export";
import { listJudgmentsForTables } from "@/db/queries/judgments/list-judgments-for-tables";
import { useFreshDatabase } from "@/db/testing/test-db";
import { loadTemplate, modeOf, type TStudyConfig } from "@/studies/registry";
import { exportStudyTable, streamJudgmentsCsv } from "./lib/export-path";

const args = Object.fromEntries(process.argv.slice(2).flatMap((a, i, all) => (a.startsWith("--") ? [[a.slice(2), all[i + 1]]] : [])));
const MODES = args.mode && args.mode !== "both" ? [args.mode] : ["pairwise", "listwise"];
const JUDGMENTS = Number(args.judgments ?? 1_000_000);
const ITEMS = 2_000;
const PARTICIPANTS = 5_000;
const ROUNDS = JUDGMENTS / PARTICIPANTS;
const PG_PORT = process.env.MIXSTUDY_BENCH_PG_PORT ?? "54341";

const SYSTEMS: Record<string, string[]> = { pairwise: ["qwen-ft", "expert"], listwise: ["qwen", "ltu", "mullama"] };

async function seed(mode: string) {
  const researcher = await createResearcher({ email: `bench-${mode}-${Date.now()}@example.test`, name: "bench", password: "bench password 1" });
  const template = loadTemplate(mode === "pairwise" ? "mixassist-pairwise" : "mixassist-listwise") as TStudyConfig;
  const config = { ...template, design: { ...template.design, roundsPerParticipant: ROUNDS, judgmentsPerItem: null } } as TStudyConfig;
  const study = await createStudy({ researcherId: researcher.id, config });
  const db = await getDb();
  const s = study.id;
  const systems = SYSTEMS[mode];
  const t0 = performance.now();
  await db.execute(sql`update studies set status = 'live' where id = ${s}`);
  await db.execute(sql`insert into items (study_id, external_id, topic, user_utterance)
    select ${s}, 'item-' || lpad(g::text, 5, '0'), (array['drums','vocals','bass','overall_mix','guitars','keys'])[1 + g % 6], 'How do I make the kick punchier?'
    from generate_series(0, ${ITEMS - 1}) g`);
  await db.execute(sql`insert into candidates (item_id, system, text)
    select i.id, sys, 'advice from ' || sys from items i cross join unnest(${sql.raw(`array[${systems.map((x) => `'${x}'`).join(",")}]`)}) sys where i.study_id = ${s}`);
  await db.execute(sql`insert into participants (study_id, token_hash, seed, expertise, status, prolific_pid, consented_at, instructions_read_at, completed_at)
    select ${s}, md5(${s}::text || g), 'seed-' || g, (array['Amateur','Intermediate','Expert'])[1 + g % 3], 'completed', 'pid' || lpad(g::text, 5, '0'), now(), now(), now()
    from generate_series(0, ${PARTICIPANTS - 1}) g`);
  // Every participant's 200 rounds go to distinct items; each item gets JUDGMENTS / ITEMS judgments.
  const orders = systems.length === 2 ? [systems, [...systems].reverse()] : [0, 1, 2, 3, 4, 5].map((k) => permutation(systems, k));
  await db.execute(sql`insert into trials (study_id, participant_id, item_id, round, system_order, shown_at)
    select ${s}, p.id, i.id, r + 1, (${JSON.stringify(orders)}::jsonb) -> ((p.pn + r) % ${orders.length})::int, now()
    from (select id, row_number() over (order by prolific_pid) - 1 as pn from participants where study_id = ${s}) p
    cross join generate_series(0, ${ROUNDS - 1}) r
    join (select id, row_number() over (order by external_id) - 1 as inum from items where study_id = ${s}) i on i.inum = (p.pn * ${ROUNDS} + r) % ${ITEMS}`);
  if (mode === "pairwise") {
    await db.execute(sql`insert into judgments (trial_id, study_id, participant_id, item_id, answer_position, answer, time_on_item_ms, listened_ms)
      select t.id, t.study_id, t.participant_id, t.item_id, x.pos,
        case x.pos when 'both_good' then 'both_good' when 'both_bad' then 'both_bad'
          else case when (t.system_order ->> (case x.pos when 'A' then 0 else 1 end)) = 'expert' then 'human_better' else 'generated_better' end end,
        5000 + abs(hashtext(t.id::text)) % 20000, 10000
      from trials t cross join lateral (select (array['A','B','A','both_good','both_bad','B','A'])[1 + abs(hashtext(t.id::text || 'a')) % 7] as pos) x
      where t.study_id = ${s}`);
  } else {
    const perms = [0, 1, 2, 3, 4, 5].map((k) => permutation(["A", "B", "C"], k).join(">"));
    await db.execute(sql`insert into judgments (trial_id, study_id, participant_id, item_id, answer_position, answer, payload, time_on_item_ms, listened_ms)
      select t.id, t.study_id, t.participant_id, t.item_id, x.pos, y.ranking_text, jsonb_build_object('ranking', y.ranking), 5000 + abs(hashtext(t.id::text)) % 20000, 10000
      from trials t
      cross join lateral (select (${sql.raw(`array[${perms.map((p) => `'${p}'`).join(",")}]`)})[1 + abs(hashtext(t.id::text || 'a')) % 6] as pos) x
      cross join lateral (select jsonb_agg(t.system_order -> (ascii(l) - 65) order by o) as ranking, string_agg(t.system_order ->> (ascii(l) - 65), '>' order by o) as ranking_text
                          from unnest(string_to_array(x.pos, '>')) with ordinality as u(l, o)) y
      where t.study_id = ${s}`);
  }
  await db.execute(sql`analyze`);
  console.log(`seeded ${mode}: ${JUDGMENTS.toLocaleString("en")} judgments, ${ITEMS} items, ${PARTICIPANTS} participants in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { studyId: s, researcherId: researcher.id, config };
}

function permutation<T>(xs: T[], k: number): T[] {
  const pool = [...xs];
  const out: T[] = [];
  let f = [1, 1, 2, 6, 24][pool.length - 1];
  for (let n = pool.length; n > 0; n--) {
    const i = Math.floor(k / f) % n;
    out.push(pool.splice(i, 1)[0]);
    f = n > 1 ? f / (n - 1) : 1;
  }
  return out;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function main() {
  const pgUrl = execFileSync("bash", ["scripts/pg-test.sh", "start"], { env: { ...process.env, MIXSTUDY_PG_PORT: PG_PORT } }).toString().trim();
  process.env.MIXSTUDY_TEST_PG_URL = pgUrl;
  const handle = await useFreshDatabase("postgres");
  try {
    for (const mode of MODES) {
      const s = await seed(mode);
      const db = await getDb();
      const plain = await timed(() =>
        db.execute(sql`select p.expertise, j.answer, count(*) from judgments j join participants p on p.id = j.participant_id where j.study_id = ${s.studyId} group by rollup (p.expertise), j.answer`),
      );
      console.log(`\n== ${mode}: plain SQL GROUP BY of the answer counts (overall and by expertise): ${plain.ms.toFixed(0)} ms`);
      // The streamed long CSV first, so its memory is measured from a clean baseline.
      const rssBefore = process.memoryUsage().rss;
      let peak = rssBefore;
      const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const csv = await timed(() => streamJudgmentsCsv({ studyId: s.studyId, researcherId: s.researcherId }));
      clearInterval(timer);
      console.log(`long CSV of ${JUDGMENTS.toLocaleString("en")} judgments: ${(csv.value.bytes / 2 ** 20).toFixed(1)} MiB, ${csv.value.lines.toLocaleString("en")} lines in ${(csv.ms / 1000).toFixed(1)} s; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB (+${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB while exporting)`);
      const tables = modeOf(s.config).tables(s.config);
      const load = await timed(() => listJudgmentsForTables({ studyId: s.studyId, researcherId: s.researcherId }));
      const compute = await timed(async () => tables.map((t) => modeOf(s.config).buildTable(t.id, load.value, s.config)));
      console.log(`breakdown: loading ${load.value.length.toLocaleString("en")} table rows ${load.ms.toFixed(0)} ms; computing all ${tables.length} tables on them ${compute.ms.toFixed(0)} ms`);
      if (args["full-rows"]) {
        const full = await timed(() => listJudgmentsForExport({ studyId: s.studyId, researcherId: s.researcherId }));
        console.log(`(the full export rows, for comparison: ${full.ms.toFixed(0)} ms)`);
      }
      let total = 0;
      for (const t of tables) {
        const r = await timed(() => exportStudyTable({ studyId: s.studyId, researcherId: s.researcherId, table: t.id }));
        total += r.ms;
        console.log(`table ${t.id.padEnd(4)} (${t.title.slice(0, 48)}): ${r.ms.toFixed(0)} ms = ${(r.ms / plain.ms).toFixed(1)}× the plain GROUP BY`);
      }
      console.log(`every table of ${mode} with its statistics: ${total.toFixed(0)} ms = ${(total / plain.ms).toFixed(1)}× the plain GROUP BY`);
    }
  } finally {
    await handle.cleanup();
    execFileSync("bash", ["scripts/pg-test.sh", "stop"], { env: { ...process.env, MIXSTUDY_PG_PORT: PG_PORT } });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
