// Where the end-to-end server listens; MIXSTUDY_E2E_PORT lets two checkouts run their suites side by side.
export const E2E_PORT = process.env.MIXSTUDY_E2E_PORT ?? "3210";
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
