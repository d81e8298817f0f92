// Reads the server's SQLite database directly, so that a spec can end by
// checking what really reached the server (rows, not what the portal shows).
// Python's sqlite3 module does the reading: Node has no SQLite of its own here,
// and the server's WAL mode lets readers in while it runs.
import { execFileSync } from "node:child_process";
import * as path from "node:path";

import { requiredEnv } from "./env";

export type Row = Record<string, unknown>;

/** A row of `service_requests` (the columns specs look at; there are more). */
export type RequestRow = Row & {
  id: string;
  number: string;
  status: string;
  request_type: string;
  severity: string;
  customer_id: string | null;
  access_key_hash: string | null;
  idempotency_key: string;
  /** The form's answers, as JSON text. */
  fields: string;
  created_at: string;
  updated_at: string;
};

/** A row of `request_events`: one step of a request's timeline. */
export type EventRow = Row & {
  id: number;
  at: string;
  actor_kind: "customer" | "engineer" | "supervisor" | "system";
  actor_name: string | null;
  action: string | null;
  status: string | null;
  /** Engineer, appointment and note, as JSON text, or null. */
  detail: string | null;
};

// Runs one statement with its parameters and prints the rows as a JSON
// array of objects. Blobs come back as hex text.
const SCRIPT = `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1], timeout=5)
db.row_factory = sqlite3.Row
rows = [dict(r) for r in db.execute(sys.argv[2], json.loads(sys.argv[3])).fetchall()]
db.commit()
json.dump(rows, sys.stdout, default=lambda v: v.hex() if isinstance(v, bytes) else str(v))
`;

/** The server's database file. */
export function databasePath(): string {
  return path.join(requiredEnv("AFTERCARE_DATA_DIR"), "aftercare.sqlite3");
}

/** Runs `sql` with `params` (bound to its `?`s) and returns the rows. */
export function query<T extends Row = Row>(sql: string, params: unknown[] = []): T[] {
  try {
    const out = execFileSync("python3", ["-c", SCRIPT, databasePath(), sql, JSON.stringify(params)], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(out) as T[];
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? "";
    throw new Error(`query failed: ${sql} ${JSON.stringify(params)}\n${stderr || error}`);
  }
}

/** How many service requests there are, all or those `where` (a WHERE clause) selects. */
export function countRequests(where?: string, params: unknown[] = []): number {
  const sql = `SELECT count(*) AS n FROM service_requests${where ? ` WHERE ${where}` : ""}`;
  return Number(query<{ n: number }>(sql, params)[0].n);
}

/** The service requests `where` (a WHERE clause) selects, oldest first. */
export function requestsWhere(where: string, params: unknown[] = []): RequestRow[] {
  return query<RequestRow>(`SELECT * FROM service_requests WHERE ${where} ORDER BY created_at, id`, params);
}

/** The request numbered `number` (any case), or undefined. */
export function requestByNumber(number: string): RequestRow | undefined {
  return query<RequestRow>("SELECT * FROM service_requests WHERE number = ?", [number.toUpperCase()])[0];
}

/** The timeline of the request numbered `number`, oldest first. */
export function eventsOf(number: string): EventRow[] {
  return query<EventRow>(
    `SELECT e.* FROM request_events e JOIN service_requests r ON r.id = e.request_id
     WHERE r.number = ? ORDER BY e.id`,
    [number.toUpperCase()],
  );
}

/** The row of the upload `id` (owner, size, upload_offset, state, ...), or undefined. */
export function attachmentRow(id: string): Row | undefined {
  return query("SELECT * FROM attachments WHERE id = ?", [id])[0];
}

/** Where the server keeps the bytes of the upload `id`: `<data-dir>/attachments/<storage_name>`. */
export function attachmentFile(id: string): string {
  const row = attachmentRow(id);
  if (!row) throw new Error(`no attachment ${id} in the database`);
  return path.join(requiredEnv("AFTERCARE_DATA_DIR"), "attachments", String(row.storage_name));
}
