import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { accounts, sessions, users, verificationTokens } from "@/lib/server/db/schema";
import { checkCredentials } from "./credentials";
import { magicLinkProviders } from "./magic-link";
import { clientIp } from "./request-ip";

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
  secret: env.AUTH_SECRET,
  trustHost: true,
  // Credentials sign-in needs JWT sessions; every request still re-reads the user, so deactivation is immediate.
  session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE_HOURS * 60 * 60 },
  pages: { signIn: "/login", error: "/login", verifyRequest: "/login/check-email" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const result = await checkCredentials(db, credentials, clientIp(request.headers));
        if (result.ok) return result.user;
        if (result.reason === "throttled") throw new ThrottledSignIn();
        return null;
      },
    }),
    ...magicLinkProviders(),
  ],
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
    async signIn({ user }) {
      // Magic links go only to people an admin created; the adapter would otherwise create a user for any address.
      const existing = user.email ? await db.query.users.findFirst({ where: (u, { sql }) => sql`lower(${u.email}) = lower(${user.email})` }) : null;
      return Boolean(existing && !existing.deactivatedAt);
    },
  },
});
