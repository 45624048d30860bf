import "server-only";
// One wrapper for every route handler: who may call it (as data) → zod parse → handler → error mapping.
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { z } from "zod";
import { authOptions } from "@/lib/auth";
import { AppError, problem } from "./app-error";
import { getParticipantByToken, type TParticipantScope } from "@/db/queries/participants/get-participant-by-token";
import { participantCookieName } from "@/db/queries/participants/participant-token";

export type TAccess = "public" | "researcher" | "participant:self";

interface TCtx<P, B, Q> {
  req: Request;
  params: P;
  body: B;
  query: Q;
  researcherId: string | null;
  participant: TParticipantScope | null;
}

interface TRouteSpec<P, B, Q> {
  access: TAccess;
  params?: z.ZodType<P>;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** Largest JSON body accepted, in bytes. */
  maxBodyBytes?: number;
  handler: (ctx: TCtx<P, B, Q>) => Promise<Response | unknown>;
}

function describe(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
}

export function route<P = Record<string, never>, B = undefined, Q = undefined>(spec: TRouteSpec<P, B, Q>) {
  return async (req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> => {
    try {
      const rawParams = ctx?.params ? await ctx.params : {};
      // A NUL byte names nothing (and PostgreSQL refuses it in text): such a path is simply not found.
      if (Object.values(rawParams).some((v) => String(v).includes("\u0000"))) throw new AppError("NOT_FOUND", "No such page.");

      // Who is calling comes first: an anonymous caller gets 401, never a validation message about the API.
      let researcherId: string | null = null;
      let participant: TParticipantScope | null = null;
      if (spec.access === "researcher") {
        const session = await getServerSession(authOptions);
        researcherId = session?.user?.id ?? null;
        if (!researcherId) throw new AppError("UNAUTHORIZED", "Sign in as a researcher first.");
      } else if (spec.access === "participant:self") {
        const slug = (rawParams as { slug?: string }).slug ?? "";
        participant = await getParticipantByToken({ slug, token: await participantToken(req, slug) });
      }

      const params = spec.params ? parseOr400(spec.params, rawParams, "path") : (rawParams as P);
      const query = spec.query ? parseOr400(spec.query, Object.fromEntries(new URL(req.url).searchParams), "query") : (undefined as Q);

      let body = undefined as B;
      if (spec.body) {
        const text = await req.text();
        if (text.length > (spec.maxBodyBytes ?? 64_000)) throw new AppError("PAYLOAD_TOO_LARGE", "The request body is too large.");
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : {};
        } catch {
          throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
        }
        if (containsNul(json)) throw new AppError("BAD_REQUEST", "Invalid body: a text contains a NUL character (\\u0000), which no field accepts.");
        body = parseOr400(spec.body, json, "body");
      }
      const out = await spec.handler({ req, params, body, query, researcherId, participant });
      if (out instanceof Response) return out;
      return Response.json(out, { headers: { "cache-control": "no-store" } });
    } catch (err) {
      return errorResponse(err, req);
    }
  };
}

/** True when any string (key or value) in a parsed JSON value holds U+0000, which PostgreSQL text refuses. Iterative: bodies may nest deeply. */
function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000")) return true;
    } else if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) stack.push(k, x);
  }
  return false;
}

function parseOr400<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AppError("BAD_REQUEST", `Invalid ${where}: ${describe(parsed.error)}`);
  return parsed.data;
}

async function participantToken(req: Request, slug: string): Promise<string | null> {
  const auth = req.headers.get("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim();
  const jar = await cookies();
  return jar.get(participantCookieName(slug))?.value ?? null;
}

export function errorResponse(err: unknown, req?: Request): Response {
  if (err instanceof AppError) {
    return problem(err.status, err.code, err.message, err.details ? { errors: err.details } : undefined);
  }
  if (isDbUnavailable(err)) {
    const res = problem(503, "SERVICE_UNAVAILABLE", "The database is not reachable right now; please retry in a moment.");
    res.headers.set("retry-after", "2");
    return res;
  }
  console.error(`[mixstudy] unexpected error on ${req?.method ?? "?"} ${req ? new URL(req.url).pathname : ""}:`, err);
  return problem(500, "INTERNAL", "Something went wrong on our side. Your earlier answers are saved; please retry.");
}

/** Connection-level failures and server shutdown/start-up states: the request did nothing and may be retried. */
const DB_UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED",
  "57P01", "57P02", "57P03", // admin_shutdown, crash_shutdown, cannot_connect_now
  "08000", "08001", "08003", "08004", "08006", // connection exceptions
]);

function isDbUnavailable(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && DB_UNAVAILABLE_CODES.has(e.code)) return true;
  }
  return false;
}
