// Playwright: the built app served by e2e/serve.sh (fresh PGlite data, two researchers), Debian's Chromium, one worker.
import { defineConfig } from "@playwright/test";
import { E2E_BASE_URL, E2E_PORT } from "./e2e/base-url";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `PORT=${E2E_PORT} bash e2e/serve.sh`,
    url: `${E2E_BASE_URL}/`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
