// Reads what the database really holds after a load or crash run: answers per trial, for the
// "acked N, found N, duplicates 0" check. PostgreSQL through postgres.js; PGlite opened directly
// on the data folder once the server has stopped.
import postgres from "postgres";

export interface TStoredAnswers {
  rows: number;
  distinctTrials: number;
  /** judgment rows per trial id */
  byTrial: Map<string, number>;
  participantsCompleted: number;
}

const SQL_ROWS = "select trial_id::text as trial_id, count(*)::int as n from judgments group by trial_id";
const SQL_DONE = "select count(*)::int as n from participants where status = 'completed'";

export async function storedAnswers(where: { databaseUrl?: string; pgliteDir?: string }): Promise<TStoredAnswers> {
  let rows: { trial_id: string; n: number }[];
  let done: number;
  if (where.databaseUrl) {
    const sql = postgres(where.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      rows = await sql.unsafe(SQL_ROWS);
      done = (await sql.unsafe(SQL_DONE))[0].n;
    } finally {
      await sql.end();
    }
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create(where.pgliteDir!);
    try {
      rows = (await db.query<{ trial_id: string; n: number }>(SQL_ROWS)).rows;
      done = (await db.query<{ n: number }>(SQL_DONE)).rows[0].n;
    } finally {
      await db.close();
    }
  }
  const byTrial = new Map(rows.map((r) => [r.trial_id, Number(r.n)]));
  return { rows: rows.reduce((s, r) => s + Number(r.n), 0), distinctTrials: byTrial.size, byTrial, participantsCompleted: Number(done) };
}

/** A scratch database on the test server, so runs never share rows. */
export async function freshPgDatabase(serverUrl: string, name: string): Promise<string> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}
