// A large file goes up in chunks through the resumable upload routes; when
// the connection drops halfway it resumes from the server's offset after
// reconnecting, and the server's copy is byte-identical.
import { createHash, randomBytes } from "node:crypto";
import * as fs from "node:fs";

import { expect, test } from "./fixtures";
import { attachmentFile, query, requestsWhere } from "./support/db";
import { fillConsultation, submitRequest } from "./support/consultation";
import { addFault, clearFaults } from "./support/faults";
import { openForm } from "./support/requestForm";

const SIZE = 20 * 1024 * 1024;

/** 20 MB that the server's content check reads as an MP4 video. */
function video(): Buffer {
  const bytes = randomBytes(SIZE);
  const ftyp = Buffer.from([
    0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0x00, 0x00, 0x02, 0x00,
    0x69, 0x73, 0x6f, 0x6d, 0x69, 0x73, 0x6f, 0x32,
  ]);
  ftyp.copy(bytes, 0);
  return bytes;
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test.afterEach(async ({ request }) => {
  await clearFaults(request);
});

test("a 20 MB video resumes after the connection drops halfway and arrives byte-identical", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  const tag = `e2e-video-${Date.now().toString(36)}`;
  const name = `${tag}.mp4`;
  const bytes = video();
  // Slow each chunk down so that "halfway" can be caught.
  await addFault(request, { path_prefix: "/api/v1/attachments/", method: "PATCH", mode: "delay", delay_ms: 250 });

  await openForm(page);
  await fillConsultation(page, { question: tag });
  await page.getByLabel(/^Photos, videos or documents/).setInputFiles({ name, mimeType: "video/mp4", buffer: bytes });
  await expect(page.getByText(name).first()).toBeVisible();
  await submitRequest(page);

  const upload = () => query("SELECT id, upload_offset, size, state FROM attachments WHERE name = ?", [name]);
  await expect
    .poll(() => Number(upload()[0]?.upload_offset ?? 0), { timeout: 60_000, intervals: [100] })
    .toBeGreaterThanOrEqual(SIZE / 2);
  await context.setOffline(true);
  await page.waitForTimeout(2_000);
  const stalled = Number(upload()[0].upload_offset);
  expect(stalled).toBeLessThan(SIZE);
  expect(requestsWhere("fields LIKE ?", [`%${tag}%`])).toHaveLength(0);

  await context.setOffline(false);
  await expect.poll(() => requestsWhere("fields LIKE ?", [`%${tag}%`]).length, { timeout: 60_000 }).toBe(1);
  const rows = upload();
  expect(rows, "one upload, resumed, not started again").toHaveLength(1);
  expect(rows[0].state).toBe("complete");
  expect(Number(rows[0].upload_offset)).toBe(SIZE);
  const stored = fs.readFileSync(attachmentFile(String(rows[0].id)));
  expect(stored.length).toBe(SIZE);
  expect(sha256(stored)).toBe(sha256(bytes));
  const linked = requestsWhere("fields LIKE ?", [`%${tag}%`])[0];
  expect(JSON.parse(linked.fields).attachments).toEqual([rows[0].id]);
});
