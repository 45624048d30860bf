// The access matrix: every route and page on disk × every kind of caller, with the exact status each must get.
// e2e/access-matrix.spec.ts first checks this table lists exactly the routes found under app/, so a new route
// cannot be added without deciding here who may call it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { TMode } from "./attack-world";

export const CALLERS = ["anonymous", "participantA", "participantB", "stranger", "viewer", "editor", "owner"] as const;
export type TCaller = (typeof CALLERS)[number];
export type TExpect = Record<TCaller, number>;

/** Researcher API, read: anyone with a role on the study; a stranger cannot tell it exists. */
const R: TExpect = { anonymous: 401, participantA: 401, participantB: 401, stranger: 404, viewer: 200, editor: 200, owner: 200 };
/** Researcher API, change: owner and editor; the viewer is told why not. */
const W = (editor: number, owner = editor): TExpect => ({ ...R, viewer: 403, editor, owner });
/** Researcher API, owner only. */
const O = (owner: number): TExpect => ({ ...R, viewer: 403, editor: 403, owner });
/** Participant API: only the study's own participant token opens it (a researcher session is not one). */
const P = (participantA: number): TExpect => ({ anonymous: 401, participantA, participantB: 401, stranger: 401, viewer: 401, editor: 401, owner: 401 });
const ALL = (status: number): TExpect => ({ anonymous: status, participantA: status, participantB: status, stranger: status, viewer: status, editor: status, owner: status });
/** Researcher page: no session → redirect to /signin; a study without a role → 404 page. */
const PAGE_R: TExpect = { anonymous: 307, participantA: 307, participantB: 307, stranger: 404, viewer: 200, editor: 200, owner: 200 };

export interface TRowValues {
  runId: string;
  bobId: string;
  judgeBaseUrl: string;
}

export type TRowRequest =
  | { json: unknown }
  | { multipart: Record<string, { name: string; mimeType: string; buffer: Buffer }> }
  | { none: true };

export interface TRow {
  /** "METHOD /path/[param]" as on disk; pages use the method PAGE. */
  route: string;
  kind: "read" | "write";
  /** Whose study the path names: one of Alice's four, or a fresh shared draft for destructive calls. */
  target: TMode | "disposable" | "demo" | "none";
  /** A disposable study that is published first (a chat study then, since it needs no items). */
  live?: boolean;
  /** The [...nextauth] segment, a query string, … */
  pathOverride?: string;
  expect: TExpect;
  request?: (v: TRowValues) => TRowRequest;
}

const UUID0 = "00000000-0000-4000-8000-000000000000";
const junkFile = (name: string) => ({ name, mimeType: "application/octet-stream", buffer: Buffer.from("not what it claims\n") });

export const MATRIX: TRow[] = [
  // Public pages and next-auth.
  { route: "PAGE /", kind: "read", target: "none", expect: ALL(200) },
  { route: "PAGE /signin", kind: "read", target: "none", expect: ALL(200) },
  { route: "PAGE /s/[slug]", kind: "read", target: "pairwise", expect: ALL(200) },
  { route: "GET /api/auth/[...nextauth]", kind: "read", target: "none", pathOverride: "/api/auth/session", expect: ALL(200) },
  // A credentials POST without next-auth's CSRF token is turned away to the sign-in page.
  { route: "POST /api/auth/[...nextauth]", kind: "write", target: "none", pathOverride: "/api/auth/callback/credentials", expect: ALL(302), request: () => ({ json: { email: "alice@e2e.test", password: "alice-password-1" } }) },
  // Audio is content-addressed: the sha256 is the capability.
  { route: "GET /api/audio/[hash]", kind: "read", target: "pairwise", expect: ALL(200) },

  // Researcher pages.
  { route: "PAGE /studies", kind: "read", target: "none", expect: { ...PAGE_R, stranger: 200 } },
  { route: "PAGE /studies/[id]", kind: "read", target: "pairwise", expect: PAGE_R },
  { route: "PAGE /studies/[id]/progress", kind: "read", target: "pairwise", expect: PAGE_R },
  { route: "PAGE /studies/[id]/results", kind: "read", target: "pairwise", expect: PAGE_R },
  { route: "PAGE /studies/[id]/transcripts", kind: "read", target: "chat", expect: PAGE_R },
  { route: "PAGE /studies/[id]/judge", kind: "read", target: "listwise", expect: PAGE_R },
  // An editing page (it builds items): a viewer gets the same 404 page as a stranger.
  { route: "PAGE /studies/[id]/stems", kind: "read", target: "rating", expect: { ...PAGE_R, viewer: 404 } },

  // Researcher API.
  { route: "GET /api/studies", kind: "read", target: "none", expect: { ...R, stranger: 200 } },
  { route: "POST /api/studies", kind: "write", target: "none", expect: { ...R, stranger: 201, viewer: 201, editor: 201, owner: 201 }, request: () => ({ json: { template: "mixassist-pairwise" } }) },
  { route: "GET /api/studies/[id]", kind: "read", target: "pairwise", expect: R },
  // An identical configuration saved again changes nothing (a live study's design is frozen; its text is not).
  { route: "PATCH /api/studies/[id]", kind: "write", target: "pairwise", expect: W(200), request: () => ({ json: "SAME_CONFIG" }) },
  { route: "DELETE /api/studies/[id]", kind: "write", target: "disposable", expect: O(200), request: () => ({ none: true }) },
  { route: "GET /api/studies/[id]/audit", kind: "read", target: "pairwise", expect: R },
  // A live chat study (it publishes without items): the editor closes it; closing again (the owner) answers the same.
  { route: "POST /api/studies/[id]/close", kind: "write", target: "disposable", live: true, expect: W(200), request: () => ({ json: {} }) },
  { route: "POST /api/studies/[id]/duplicate", kind: "write", target: "pairwise", expect: W(201), request: () => ({ json: {} }) },
  { route: "GET /api/studies/[id]/export", kind: "read", target: "pairwise", pathOverride: "?table=judgments&format=csv", expect: R },
  // Past the access check the rows file is read, found wrong, and nothing is stored.
  { route: "POST /api/studies/[id]/import", kind: "write", target: "pairwise", expect: W(422), request: () => ({ multipart: { rows: junkFile("rows.jsonl") } }) },
  { route: "GET /api/studies/[id]/judge", kind: "read", target: "listwise", expect: R },
  {
    route: "POST /api/studies/[id]/judge", kind: "write", target: "listwise", expect: W(201),
    request: (v) => ({ json: { baseUrl: v.judgeBaseUrl, model: "fake-judge", apiKeyEnv: "E2E_FAKE_API_KEY", prompt: "Rank the responses.", concurrency: 2 } }),
  },
  // The set-up run has finished by now: past the access check a done run cannot be cancelled or resumed.
  { route: "POST /api/studies/[id]/judge/[runId]/cancel", kind: "write", target: "listwise", expect: W(409), request: () => ({ none: true }) },
  { route: "POST /api/studies/[id]/judge/[runId]/resume", kind: "write", target: "listwise", expect: W(409), request: () => ({ none: true }) },
  { route: "GET /api/studies/[id]/judge/[runId]/export", kind: "read", target: "listwise", pathOverride: "?format=json", expect: R },
  { route: "GET /api/studies/[id]/progress", kind: "read", target: "pairwise", expect: R },
  // Publishing a live study again answers its link and changes nothing.
  { route: "POST /api/studies/[id]/publish", kind: "write", target: "pairwise", expect: W(200), request: () => ({ json: {} }) },
  { route: "GET /api/studies/[id]/shares", kind: "read", target: "pairwise", expect: R },
  { route: "POST /api/studies/[id]/shares", kind: "write", target: "pairwise", expect: O(200), request: () => ({ json: { email: "bob@e2e.test", role: "viewer" } }) },
  { route: "PATCH /api/studies/[id]/shares/[researcherId]", kind: "write", target: "pairwise", expect: O(200), request: () => ({ json: { role: "viewer" } }) },
  { route: "DELETE /api/studies/[id]/shares/[researcherId]", kind: "write", target: "disposable", expect: O(200), request: () => ({ none: true }) },
  // A rating draft: a zip that is not one is refused after the access check.
  { route: "POST /api/studies/[id]/stems", kind: "write", target: "rating", expect: W(400), request: () => ({ multipart: { stems: junkFile("stems.zip") } }) },
  { route: "POST /api/studies/[id]/stems/advice", kind: "write", target: "rating", expect: W(422), request: () => ({ multipart: { advice: junkFile("advice.csv") } }) },

  // Participant API (participant A: a fresh participant of the named study, past the instructions).
  { route: "POST /api/s/[slug]/join", kind: "write", target: "pairwise", expect: ALL(201), request: () => ({ json: { prolificPid: `MATRIX-${Math.random().toString(36).slice(2, 10)}` } }) },
  { route: "GET /api/s/[slug]/state", kind: "read", target: "pairwise", expect: P(200) },
  { route: "POST /api/s/[slug]/consent", kind: "write", target: "pairwise", expect: P(200), request: () => ({ json: { consent: true } }) },
  { route: "POST /api/s/[slug]/profile", kind: "write", target: "pairwise", expect: P(200), request: () => ({ json: { expertise: "Amateur" } }) },
  { route: "POST /api/s/[slug]/instructions", kind: "write", target: "pairwise", expect: P(200), request: () => ({ json: {} }) },
  // A trial that is not this participant's is not found.
  { route: "POST /api/s/[slug]/answer", kind: "write", target: "pairwise", expect: P(404), request: () => ({ json: { trialId: UUID0, answer: "A", requestId: UUID0 } }) },
  { route: "POST /api/s/[slug]/chat/clip", kind: "write", target: "chat", expect: P(404), request: () => ({ json: { itemId: UUID0 } }) },
  { route: "POST /api/s/[slug]/chat/upload", kind: "write", target: "chat", expect: P(400), request: () => ({ multipart: { file: junkFile("clip.wav") } }) },
  { route: "POST /api/s/[slug]/chat/window", kind: "write", target: "chat", expect: P(409), request: () => ({ json: { startMs: 0 } }) },
  { route: "POST /api/s/[slug]/chat/message", kind: "write", target: "chat", expect: P(409), request: () => ({ json: { requestId: UUID0, text: "hello" } }) },
  { route: "POST /api/s/[slug]/chat/retry", kind: "write", target: "chat", expect: P(404), request: () => ({ json: { turnId: UUID0 } }) },
  { route: "POST /api/s/[slug]/chat/stop", kind: "write", target: "chat", expect: P(200), request: () => ({ json: {} }) },
  { route: "POST /api/s/[slug]/chat/finish", kind: "write", target: "chat", expect: P(200), request: () => ({ json: {} }) },
  // The survey ends the chat (as finish does) and is the conversation's one answer.
  {
    route: "POST /api/s/[slug]/chat/survey", kind: "write", target: "chat", expect: P(200),
    request: () => ({ json: { requestId: UUID0, answer: { naturalness: "very_natural", contribution: "slightly_more", novelty: "a_little", insights: "" } } }),
  },
];

/** "METHOD /path" for every route.ts (its exported methods) and page.tsx (PAGE) under `appDir`; route groups dropped. */
export function discoverRoutes(appDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === "route.ts" || e.name === "page.tsx") {
        const segs = path.relative(appDir, dir).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
        const url = `/${segs.join("/")}`;
        if (e.name === "page.tsx") out.push(`PAGE ${url}`);
        else {
          const src = readFileSync(full, "utf8");
          const methods = new Set<string>();
          for (const m of src.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(m[1]);
          for (const m of src.matchAll(/export\s*\{([^}]*)\}/g)) for (const a of m[1].matchAll(/\bas\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(a[1]);
          if (methods.size === 0) throw new Error(`${full} exports no HTTP method`);
          for (const method of methods) out.push(`${method} ${url}`);
        }
      }
    }
  };
  walk(appDir);
  return out.sort();
}
