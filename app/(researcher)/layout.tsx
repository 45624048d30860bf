// Every researcher page requires a signed-in researcher.
import Link from "next/link";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth";
import { SignOutButton } from "./sign-out-button";

export const dynamic = "force-dynamic";

export default async function ResearcherLayout({ children }: { children: React.ReactNode }) {
  const session = await getServerSession(authOptions);
  if (!session?.user?.id) redirect("/signin?callbackUrl=/studies");
  return (
    <>
      <header className="ms-topbar">
        <Link href="/studies" className="ms-brand">MixStudy</Link>
        <span className="ms-muted">{session.user.email}</span>
        <SignOutButton />
      </header>
      <main className="ms-page ms-wide">{children}</main>
    </>
  );
}
