"use client";
// Email and password form posting to next-auth's credentials provider.
import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";

const ZSignIn = z.object({ email: z.string().email("Enter an email address"), password: z.string().min(1, "Enter your password") });
type TSignIn = z.infer<typeof ZSignIn>;

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<TSignIn>({ resolver: zodResolver(ZSignIn) });
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const res = await signIn("credentials", { ...values, redirect: false });
    if (!res || res.error) {
      // next-auth passes our throttle's message through; anything else is a wrong email or password.
      setError(res?.error?.startsWith("Too many sign-in attempts") ? res.error : "Wrong email or password.");
      return;
    }
    window.location.assign(callbackUrl);
  });
  return (
    <form onSubmit={onSubmit} className="ms-form" noValidate>
      <label>
        Email
        <input type="email" autoComplete="username" {...register("email")} />
      </label>
      {formState.errors.email && <p className="ms-error">{formState.errors.email.message}</p>}
      <label>
        Password
        <input type="password" autoComplete="current-password" {...register("password")} />
      </label>
      {formState.errors.password && <p className="ms-error">{formState.errors.password.message}</p>}
      {error && <p className="ms-error" role="alert">{error}</p>}
      <button type="submit" className="ms-button" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
