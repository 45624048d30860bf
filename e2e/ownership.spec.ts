// Tenancy: one researcher cannot see or change another's study, anonymous callers get 401, and a
// participant token only opens its own study.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { E2E_BASE_URL } from "./base-url";
import { ALICE, BOB, createStudyFromTemplate, importFixture, publish, signIn, unique } from "./helpers";

async function researcherPage(browser: Browser, who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, who.email, who.password);
  return { context, page };
}

test("a researcher cannot see or change another researcher's study", async ({ browser, playwright }) => {
  const alice = await researcherPage(browser, ALICE);
  const title = unique("Alice private study");
  const studyId = await createStudyFromTemplate(alice.page, title);

  const bob = await researcherPage(browser, BOB);

  // The study page is the 404 page for Bob, and shows nothing of the study.
  const pageRes = await bob.page.goto(`/studies/${studyId}`);
  expect(pageRes?.status()).toBe(404);
  await expect(bob.page.getByText(/could not be found|not found/i).first()).toBeVisible();
  await expect(bob.page.getByText(title)).toHaveCount(0);
  const resultsRes = await bob.page.goto(`/studies/${studyId}/results`);
  expect(resultsRes?.status()).toBe(404);
  await expect(bob.page.getByText(title)).toHaveCount(0);

  // Every researcher API answers 404, exactly as for a study that does not exist.
  const missing = "00000000-0000-4000-8000-000000000000";
  for (const path of ["", "/export?table=3&format=csv", "/export?table=judgments&format=csv", "/export?table=11&format=md", "/progress"]) {
    const res = await bob.page.request.get(`/api/studies/${studyId}${path}`);
    expect(res.status(), `GET ${path} as Bob`).toBe(404);
    expect(await res.text(), `GET ${path} as Bob`).not.toContain(title);
    expect((await bob.page.request.get(`/api/studies/${missing}${path}`)).status(), `GET ${path} of a missing study`).toBe(404);
  }

  // Bob's own study gives him a valid config to send, so a 404 cannot be a validation error.
  const own = await bob.page.request.post("/api/studies", { data: { template: "mixassist-pairwise" } });
  expect(own.status()).toBe(201);
  const bobStudy = (await own.json()) as { id: string };
  const bobConfig = ((await (await bob.page.request.get(`/api/studies/${bobStudy.id}`)).json()) as { config: Record<string, unknown> }).config;
  const patch = await bob.page.request.patch(`/api/studies/${studyId}`, { data: { config: { ...bobConfig, title: "Taken over by Bob" } } });
  expect(patch.status()).toBe(404);
  const publishRes = await bob.page.request.post(`/api/studies/${studyId}/publish`, { data: {} });
  expect(publishRes.status()).toBe(404);
  const importRes = await bob.page.request.post(`/api/studies/${studyId}/import`, {
    multipart: { rows: { name: "rows.jsonl", mimeType: "application/json", buffer: Buffer.from("{}\n") } },
  });
  expect(importRes.status()).toBe(404);
  expect(await importRes.text()).not.toContain(title);

  // Bob's list has his own study but not Alice's.
  await bob.page.goto("/studies");
  await expect(bob.page.getByRole("heading", { name: "Your studies" })).toBeVisible();
  await expect(bob.page.getByRole("link", { name: title })).toHaveCount(0);
  const bobList = (await (await bob.page.request.get("/api/studies")).json()) as { studies: { id: string }[] };
  expect(bobList.studies.map((s) => s.id)).toContain(bobStudy.id);
  expect(bobList.studies.map((s) => s.id)).not.toContain(studyId);

  // Nothing changed for Alice: still a draft with her title.
  const mine = await alice.page.request.get(`/api/studies/${studyId}`);
  expect(mine.status()).toBe(200);
  const aliceStudy = (await mine.json()) as { status: string; title: string; config: { title: string } };
  expect(aliceStudy.status).toBe("draft");
  expect(aliceStudy.config.title).toBe(title);
  await alice.page.goto(`/studies/${studyId}`);
  await expect(alice.page.getByRole("heading", { level: 1 })).toHaveText(title);
  // Still no items (Bob's import was refused), so publishing stays disabled.
  await expect(alice.page.getByRole("button", { name: "Publish study" })).toBeDisabled();
  await expect(alice.page.getByTestId("participant-link")).toHaveCount(0);
  await alice.page.goto("/studies");
  const row = alice.page.getByRole("row", { name: new RegExp(title) });
  await expect(row.getByRole("link", { name: title })).toBeVisible();
  await expect(row.getByText("draft")).toBeVisible();

  // Anonymous callers get 401 from the researcher API, and the sign-in page for the researcher pages.
  const anon = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  for (const path of ["/export?table=3&format=csv", "/export", "", "/progress"]) {
    expect((await anon.get(`/api/studies/${studyId}${path}`)).status(), `anonymous GET ${path}`).toBe(401);
  }
  expect((await anon.post(`/api/studies/${studyId}/publish`, { data: {} })).status()).toBe(401);
  const anonContext = await browser.newContext();
  const anonPage = await anonContext.newPage();
  await anonPage.goto(`/studies/${studyId}`);
  await expect(anonPage.getByRole("heading", { name: "Researcher sign-in" })).toBeVisible();
  await expect(anonPage.getByText(title)).toHaveCount(0);

  await Promise.all([anon.dispose(), anonContext.close(), alice.context.close(), bob.context.close()]);
});

test("a participant token opens only its own study", async ({ browser, playwright }, testInfo) => {
  // A second live study besides the demo.
  const alice = await researcherPage(browser, ALICE);
  await createStudyFromTemplate(alice.page, unique("Token scope study"));
  await importFixture(alice.page, testInfo, 10);
  const { slug } = await publish(alice.page);
  await alice.context.close();

  const api = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  const join = async (s: string) => {
    const res = await api.post(`/api/s/${s}/join`, { data: { prolificPid: unique("PID-token") } });
    expect(res.status(), `join ${s}`).toBe(201);
    return ((await res.json()) as { token: string }).token;
  };
  const demoToken = await join("demo-pairwise");
  const otherToken = await join(slug);
  const state = (s: string, token: string) => api.get(`/api/s/${s}/state`, { headers: { authorization: `Bearer ${token}` } });

  // Each token works on its own study…
  expect((await state("demo-pairwise", demoToken)).status()).toBe(200);
  expect((await state(slug, otherToken)).status()).toBe(200);
  // …and is refused by the other one.
  expect((await state(slug, demoToken)).status()).toBe(401);
  expect((await state("demo-pairwise", otherToken)).status()).toBe(401);
  const consent = await api.post(`/api/s/${slug}/consent`, { headers: { authorization: `Bearer ${demoToken}` }, data: { consent: true } });
  expect(consent.status()).toBe(401);
  // A made-up token, or none at all (a context without the cookies `join` set).
  expect((await state(slug, "not-a-real-token")).status()).toBe(401);
  const bare = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  expect((await bare.get(`/api/s/${slug}/state`)).status()).toBe(401);
  await bare.dispose();

  // The same through the browser's cookie: the demo's cookie does not open the other study's state.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/s/demo-pairwise?PROLIFIC_PID=${unique("PID-cookie")}`);
  await expect(page.getByRole("heading", { name: "Consent" })).toBeVisible();
  const cookies = await context.cookies();
  const demoCookie = cookies.find((c) => c.name === "ms_p_demo-pairwise");
  expect(demoCookie?.httpOnly).toBe(true);
  expect((await page.request.get(`/api/s/demo-pairwise/state`)).status()).toBe(200);
  expect((await page.request.get(`/api/s/${slug}/state`)).status()).toBe(401);
  // Even when the other study's cookie carries the demo's token.
  await context.addCookies([{ name: `ms_p_${slug}`, value: demoCookie!.value, domain: "127.0.0.1", path: "/" }]);
  expect((await page.request.get(`/api/s/${slug}/state`)).status()).toBe(401);

  await Promise.all([api.dispose(), context.close()]);
});
