// Helpers for the satisfaction survey's spec (signing in and opening a
// request are in ./account): the survey link the resolution "mail" carries
// (the staff command prints it, and so does the server when it makes the
// move, into AFTERCARE_SERVER_LOG), the survey's row in the server's
// database, and the survey form's questions by name.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";

import { query } from "./db";
import { requiredEnv } from "./env";

/** The answers to the default survey the spec gives, as the server stores them. */
export type Answers = Record<string, number | boolean | string>;

/** A row of `surveys`, with its request's number. */
export type SurveyRow = {
  number: string;
  answers: string;
  locale: string;
  submitted_at: string;
  updated_at: string;
  revisions: number;
};

/**
 * The survey link mailed to `email` for request `number`: from `output` (what
 * the staff command printed) or the server's log, as
 * `survey link for EMAIL: NUMBER URL`.
 */
export function surveyLink(email: string, number: string, output = ""): string {
  let log = "";
  try {
    log = readFileSync(requiredEnv("AFTERCARE_SERVER_LOG"), "utf8");
  } catch {
    // Only the command's output, then.
  }
  const wanted = `survey link for ${email.toLowerCase()}: ${number} `;
  const lines = `${output}\n${log}`.split("\n").filter((line) => line.startsWith(wanted));
  if (lines.length === 0) throw new Error(`no survey link for ${email} and ${number}`);
  return lines[lines.length - 1].slice(wanted.length).trim();
}

/** The portal's address of a survey link: `/survey#token=…`, on the e2e server. */
export function portalPath(link: string): string {
  const at = link.indexOf("/survey#");
  if (at < 0) throw new Error(`not a survey link: ${link}`);
  return link.slice(at);
}

/** The survey rows of request `number` (0 or 1 of them). */
export function surveyRows(number: string): SurveyRow[] {
  return query<SurveyRow>(
    `SELECT r.number, s.answers, s.locale, s.submitted_at, s.updated_at, s.revisions
     FROM surveys s JOIN service_requests r ON r.id = s.request_id WHERE r.number = ?`,
    [number.toUpperCase()],
  );
}

/** Moves the first answer of request `number`'s survey `days` days back. */
export function ageSurvey(number: string, days: number) {
  const at = new Date(Date.now() - days * 86_400_000).toISOString();
  query(
    `UPDATE surveys SET submitted_at = ?, updated_at = ?
     WHERE request_id = (SELECT id FROM service_requests WHERE number = ?)`,
    [at, at, number.toUpperCase()],
  );
}

/** The radio group of the question whose text starts with `question`. */
export function question(page: Page, question: string) {
  return page.getByRole("group", { name: new RegExp(`^${question.replace(/[.?*+()]/g, "\\$&")}`) });
}

/** Picks `choice` ("4", "Yes") in the question starting with `text`. */
export async function pick(page: Page, text: string, choice: string) {
  await question(page, text)
    .getByRole("radio", { name: new RegExp(`^${choice}( —|$)`) })
    .check();
}

/** Answers every question of the default survey with `answers`. */
export async function answerAll(page: Page, answers: Answers) {
  const texts: Record<string, string> = {
    overall: "Overall, how satisfied",
    timeliness: "The engineer was on time",
    attitude: "The engineer was courteous",
    professionalism: "The engineer knew the product",
    solved: "Is the problem solved?",
    effort: "How easy was it to get help?",
    nps: "How likely are you to recommend us",
  };
  for (const [key, value] of Object.entries(answers)) {
    if (key === "comment") {
      await page.getByLabel(/^Anything else you would like to tell us\?/).fill(String(value));
    } else if (typeof value === "boolean") {
      await pick(page, texts[key], value ? "Yes" : "No");
    } else {
      await pick(page, texts[key], String(value));
    }
  }
}

/** The unsent draft of request `number`'s survey kept on this device, if any. */
export async function savedDraft(page: Page, number: string): Promise<Answers | undefined> {
  return page.evaluate(
    (key) =>
      new Promise<Answers | undefined>((resolve, reject) => {
        const open = indexedDB.open("aftercare");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction("settings").objectStore("settings").get(key);
          read.onsuccess = () => {
            db.close();
            resolve(read.result as Answers | undefined);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    `survey-draft:${number}`,
  );
}
