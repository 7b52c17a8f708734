import { launchChromium } from "@phaser/browser-test-kit";
import { it } from "vitest";
import { auditWithRetries } from "./fixtures.js";
import { startWeb } from "./harness.js";
it("debug", async () => {
  const audit = auditWithRetries(Date.now() - 3_600_000, 60);
  const web = await startWeb(audit.records);
  const session = await launchChromium();
  const page = await session.newPage({ viewport: { width: 1440, height: 800 } });
  page.on("console", (m) => console.log("console", m.text()));
  await page.goto(web.url(`?audit=${audit.auditId}`));
  await page.waitForTimeout(1500);
  console.log(await page.evaluate(() => { const s = document.querySelector(".event-table-scroll")!; const r = document.querySelector("tr.highlight")!; return { st: s.scrollTop, sh: s.scrollHeight, ch: s.clientHeight, top: r.getBoundingClientRect().top, box: s.getBoundingClientRect().top, url: location.href }; }));
  await session.close(); await web.close();
}, 60000);
