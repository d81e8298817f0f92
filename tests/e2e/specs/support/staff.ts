// Runs the server's staff command line against the e2e server's data, as the
// department would: `staff token NAME`, then moves such as `staff ack NUMBER
// --as NAME`. Each helper returns the command's stdout (trimmed) and throws
// with its stderr when the command fails, e.g. for a refused move.
import { requiredEnv } from "./env";
import { runServerCommand } from "./serverCli";

export type StaffRole = "engineer" | "supervisor";
export type StaffMove = "ack" | "start" | "wait" | "resolve" | "close";

/** Runs `aftercare-server staff ARGS --data-dir DATA_DIR` and returns its stdout. */
export function runStaff(args: string[]): string {
  const command = [
    "staff",
    ...args,
    "--data-dir",
    requiredEnv("AFTERCARE_DATA_DIR"),
  ];
  return runServerCommand(command);
}

/** A bearer token for the staff member `name`, made first if there is none. */
export function staffToken(name: string, role?: StaffRole): string {
  return runStaff(["token", name, ...(role ? ["--role", role] : [])]);
}

/** Runs a move with the e2e configuration, returning `NUMBER STATUS`. */
function move(args: string[], as: string, note?: string): string {
  return runStaff([
    ...args,
    "--as",
    as,
    ...(note === undefined ? [] : ["--note", note]),
    "--config",
    requiredEnv("AFTERCARE_CONFIG"),
  ]);
}

/** `staff ack|start|wait|resolve|close NUMBER --as AS [--note NOTE]`. */
export function staffMove(action: StaffMove, number: string, as: string, note?: string): string {
  return move([action, number], as, note);
}

/** `staff assign NUMBER --as AS --engineer ENGINEER`. */
export function staffAssign(number: string, as: string, engineer: string, note?: string): string {
  return move(["assign", number, "--engineer", engineer], as, note);
}

/** `staff schedule NUMBER --as AS --start START --end END` (RFC 3339). */
export function staffSchedule(number: string, as: string, start: string, end: string, note?: string): string {
  return move(["schedule", number, "--start", start, "--end", end], as, note);
}

/** `staff message NUMBER TEXT --as AS`. */
export function staffMessage(number: string, text: string, as: string): string {
  return move(["message", number, text], as);
}
