// Researcher sign-in page.
import { SignInForm } from "./sign-in-form";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const target = callbackUrl && callbackUrl.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/studies";
  return (
    <main className="ms-page ms-narrow">
      <h1>Researcher sign-in</h1>
      <SignInForm callbackUrl={target} />
      <p className="ms-muted">Accounts are created on the server with <code>npm run researcher:create</code>.</p>
    </main>
  );
}
