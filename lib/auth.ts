import "server-only";
// Researcher sign-in: next-auth credentials with bcrypt-hashed passwords and JWT sessions.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { verifyResearcherPassword } from "@/db/queries/researchers/verify-researcher-password";
import { SignInThrottle, throttleKeys } from "./sign-in-throttle";

const throttle = new SignInThrottle();

/** The client address as the proxy in front of us reports it, else none (we listen on 127.0.0.1). */
function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const fwd = headers?.["x-forwarded-for"];
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim();
  return first || null;
}

/** The message the sign-in page shows when guessing is being slowed down. */
export const TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Please wait";

const ZCredentials = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const keys = throttleKeys(parsed.data.email, clientIp(req?.headers));
        const wait = throttle.waitMs(keys);
        // While blocked the password is not even checked, so guesses made now are worthless.
        if (wait > 0) throw new Error(`${TOO_MANY_ATTEMPTS} ${Math.ceil(wait / 1000)} s and try again.`);
        const r = await verifyResearcherPassword(parsed.data);
        if (!r) {
          throttle.recordFailure(keys);
          return null;
        }
        throttle.recordSuccess(keys);
        return { id: r.id, email: r.email, name: r.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.researcherId = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.researcherId === "string") session.user.id = token.researcherId;
      return session;
    },
  },
};
