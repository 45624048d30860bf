// Lets server-only modules load under Vitest, which is not a React Server Components bundle.
export {};
