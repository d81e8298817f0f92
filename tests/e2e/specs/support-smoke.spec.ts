// Proves the specs' supports work against the e2e server: the fault layer,
// the database, the staff command line and sign-in codes from its stdout.
import { test, expect } from "@playwright/test";

import { countRequests, query, requestByNumber, eventsOf } from "./support/db";
import { addFault, clearFaults, faultHits } from "./support/faults";
import { latestSignInCode, signInCodeCount } from "./support/signIn";
import { staffMove, staffToken } from "./support/staff";

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

test("a fault rule fires and is counted", async ({ request }) => {
  await clearFaults(request);
  const rule = await addFault(request, {
    path_prefix: "/api/v1/portal",
    method: "GET",
    mode: "unavailable",
    retry_after: 2,
    times: 1,
  });
  expect(rule.hits).toBe(0);
  const failed = await request.get("/api/v1/portal");
  expect(failed.status()).toBe(503);
  expect(failed.headers()["retry-after"]).toBe("2");
  expect(await faultHits(request, rule.id)).toBe(1);
  // `times: 1` is spent: the route answers as usual again.
  expect((await request.get("/api/v1/portal")).status()).toBe(200);
  await clearFaults(request);
  expect(await faultHits(request)).toBe(0);
});

test("the database is readable", async () => {
  const [{ n }] = query<{ n: number }>("SELECT count(*) AS n FROM service_requests");
  expect(countRequests()).toBe(Number(n));
  expect(countRequests("status = ?", ["no-such-status"])).toBe(0);
  expect(requestByNumber("AC-0000-00")).toBeUndefined();
  expect(eventsOf("AC-0000-00")).toEqual([]);
  const articles = query<{ n: number }>("SELECT count(*) AS n FROM kb_articles WHERE locale = ?", ["en"]);
  expect(Number(articles[0].n)).toBeGreaterThan(0);
});

test("the staff command line makes a token", async () => {
  const token = staffToken("alice");
  expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  const staff = query<{ name: string }>("SELECT name FROM staff WHERE name = ?", ["alice"]);
  expect(staff).toEqual([{ name: "alice" }]);
});

test("a guest's request is moved by the staff command line and read back", async ({ request }) => {
  const key = `smoke-key-${Date.now()}-abcdefghijklmnop`;
  const created = await request.post("/api/v1/requests", {
    headers: { "X-Access-Key": key, "Idempotency-Key": `smoke-${Date.now()}` },
    data: {
      type: "suggestion",
      severity: "low",
      fields: { suggestion_about: "portal", description: "A smoke test of the e2e supports." },
      locale: "en",
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { number } = (await created.json()) as { number: string };
  expect(requestByNumber(number)?.status).toBe("submitted");
  expect(countRequests("number = ?", [number])).toBe(1);

  staffToken("alice");
  expect(staffMove("ack", number, "alice", "Thanks, we are on it.")).toBe(`${number} acknowledged`);
  expect(requestByNumber(number)?.status).toBe("acknowledged");
  const steps = eventsOf(number).map((e) => [e.actor_kind, e.actor_name, e.status]);
  expect(steps.at(-1)).toEqual(["engineer", "alice", "acknowledged"]);
  expect(() => staffMove("close", number, "alice")).toThrow(/cannot be done/);
});

test("a mailed sign-in code is read from the server's output and signs in", async ({ request }) => {
  const email = `smoke-${Date.now()}@example.com`;
  const before = signInCodeCount(email);
  const asked = await request.post("/api/v1/auth/email-code", { data: { email, locale: "en" } });
  expect(asked.status()).toBe(202);
  const code = await latestSignInCode(email, 5_000, before);
  expect(code).toMatch(/^\d{6}$/);
  const session = await request.post("/api/v1/auth/session", { data: { email, code } });
  expect(session.status(), await session.text()).toBe(200);
  expect((await session.json()).customer.email).toBe(email);
});
