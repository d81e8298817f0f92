// The server's fault layer (`AFTERCARE_FAULTS=1`, see crates/server/README.md):
// rules that delay a route, answer it 503 with Retry-After, or drop the
// connection after the route has committed. Specs add rules before the portal
// acts and clear them afterwards.
import { expect, type APIRequestContext } from "@playwright/test";

export type FaultMode = "delay" | "unavailable" | "drop_after_commit";

/** A rule as `POST /__faults` takes it. */
export type FaultRule = {
  /** The rule fires on paths starting with this, such as `/api/v1/requests`. */
  path_prefix: string;
  /** Any method when absent. */
  method?: string;
  mode: FaultMode;
  /** For `delay`: how long, at most 60000. */
  delay_ms?: number;
  /** For `unavailable`: the `Retry-After` seconds (default 1). */
  retry_after?: number;
  /** How often it fires; no limit when absent. */
  times?: number;
};

/** A rule as the server keeps it. */
export type StoredFaultRule = FaultRule & { id: number; hits: number };

/** Adds `rule` and returns it as stored (with its id). */
export async function addFault(request: APIRequestContext, rule: FaultRule): Promise<StoredFaultRule> {
  const response = await request.post("/__faults", { data: rule });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as StoredFaultRule;
}

/** Removes every rule. */
export async function clearFaults(request: APIRequestContext): Promise<void> {
  const response = await request.delete("/__faults");
  expect(response.status()).toBe(204);
}

/** Removes the rule `id`. */
export async function removeFault(request: APIRequestContext, id: number): Promise<void> {
  const response = await request.delete(`/__faults/${id}`);
  expect(response.status()).toBe(204);
}

/** Every rule with how often it fired. */
export async function faultRules(request: APIRequestContext): Promise<StoredFaultRule[]> {
  const response = await request.get("/__faults");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { rules: StoredFaultRule[] }).rules;
}

/** How often the rules fired in all, or the rule `id` alone. */
export async function faultHits(request: APIRequestContext, id?: number): Promise<number> {
  const rules = await faultRules(request);
  return rules.filter((r) => id === undefined || r.id === id).reduce((sum, r) => sum + r.hits, 0);
}
