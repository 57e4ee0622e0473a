import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { sameOriginRedirect } from "@/lib/domain/access/safe-next";
import { env } from "@/lib/env";
import { db } from "@/lib/server/db/client";
import { accounts, sessions, users, verificationTokens } from "@/lib/server/db/schema";
import { checkCredentials } from "./credentials";
import { magicLinkProviders } from "./magic-link";
import { clientIp } from "./request-ip";
import { endSession, startSession } from "./sessions";

declare module "next-auth" {
  interface Session {
    /** The row in `sessions` this cookie belongs to; see lib/server/auth/sessions.ts. */
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}

class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
  secret: env.AUTH_SECRET,
  trustHost: true,
  // Credentials sign-in needs JWT sessions; every request still re-reads the user and its session row, so deactivation and sign-out are immediate.
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
    // Every destination Auth.js redirects to (callbackUrl, redirectTo) must be a normalised path on this site.
    redirect({ url, baseUrl }) {
      return sameOriginRedirect(url, baseUrl);
    },
    async jwt({ token, user }) {
      // `user` is there only at sign-in: that is when the server-side session starts.
      if (user?.id) token.sid = await startSession(db, user.id);
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
    async signIn({ user }) {
      // Magic links go only to people an admin created; the adapter would otherwise create a user for any address.
      const existing = user.email ? await db.query.users.findFirst({ where: (u, { sql }) => sql`lower(${u.email}) = lower(${user.email})` }) : null;
      return Boolean(existing && !existing.deactivatedAt);
    },
  },
  events: {
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sid : undefined;
      if (typeof sessionId === "string") await endSession(db, sessionId);
    },
  },
});
