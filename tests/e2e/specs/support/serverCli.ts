// Runs the e2e server's own binary as a command-line tool (staff moves,
// article imports) against the e2e server's data. Returns stdout (trimmed)
// and throws with stderr when the command fails.
import { execFileSync } from "node:child_process";

import { requiredEnv } from "./env";

/** Runs `aftercare-server ARGS` and returns its stdout. */
export function runServerCommand(args: string[]): string {
  // The server's own database, never one from the developer's shell.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  try {
    return execFileSync(requiredEnv("AFTERCARE_SERVER_BIN"), args, {
      encoding: "utf8",
      env,
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "").trim();
    throw new Error(`aftercare-server ${args.join(" ")} failed: ${stderr || error}`);
  }
}
