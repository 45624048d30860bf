import "server-only";
// Researcher sign-in: next-auth credentials with bcrypt-hashed passwords and JWT sessions.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { verifyResearcherPassword } from "@/db/queries/researchers/verify-researcher-password";

const ZCredentials = z.object({ email: z.string().email().max(320), password: z.string().min(1).max(200) });

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const r = await verifyResearcherPassword(parsed.data);
        return r ? { id: r.id, email: r.email, name: r.name } : null;
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
