// The attack specs' extra researcher accounts (created by e2e/attack-accounts.ts from e2e/serve.sh).
export const CAROL = { email: "carol@e2e.test", name: "Carol Stranger", password: "carol-password-333" } as const;
export const ERIN = { email: "erin@e2e.test", name: "Erin Editor", password: "erin-password-4444" } as const;
/** Only e2e/secrets.spec.ts signs in as her: the brute-force test locks her out for a while. */
export const TRUDY = { email: "trudy@e2e.test", name: "Trudy Throttled", password: "trudy-password-55555" } as const;
export const ATTACK_ACCOUNTS = [CAROL, ERIN, TRUDY];
