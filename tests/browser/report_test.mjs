// Opens a claimdiff HTML report in headless Chromium, checks the DOM, and saves a screenshot.
//
//   node report_test.mjs REPORT.html [SCREENSHOT.png]
//
// The screenshot defaults to docs/report.png at the repository root. The browser is the system
// Chromium (`/usr/bin/chromium`, or CHROMIUM_PATH); nothing is downloaded. Exits non-zero when a
// check fails.
import { chromium } from "playwright-core";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [reportArg, shotArg] = process.argv.slice(2);
if (!reportArg) {
  console.error("usage: node report_test.mjs REPORT.html [SCREENSHOT.png]");
  process.exit(2);
}
const report = path.resolve(reportArg);
if (!existsSync(report)) {
  console.error(`report_test: no such file: ${report}`);
  process.exit(2);
}
const screenshot = path.resolve(shotArg || path.join(here, "..", "..", "docs", "report.png"));
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const failures = [];
let passed = 0;
function check(ok, what) {
  if (ok) {
    passed += 1;
    console.log(`ok   ${what}`);
  } else {
    failures.push(what);
    console.log(`FAIL ${what}`);
  }
}

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    javaScriptEnabled: true,
  });
  const page = await context.newPage();

  // The report must be self-contained: any request that is not the file itself is a failure.
  const fetched = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) {
      return route.continue();
    }
    fetched.push(url);
    return route.abort();
  });
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  const dialogs = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });

  await page.goto(pathToFileURL(report).href, { waitUntil: "load" });

  // Structure.
  check(await page.locator("#conflicts").isVisible(), "the conflicts section is visible");
  const conflicts = page.locator("#conflicts .finding.conflict");
  check((await conflicts.count()) > 0, "the conflicts section lists a conflict");
  check(await conflicts.first().isVisible(), "the first conflict is visible");
  const torture = page.locator(".claim", { hasText: "torture" }).first();
  check((await torture.count()) > 0 && (await torture.isVisible()), 'a claim containing "torture" is visible');
  check(
    (await page.locator('.claim mark', { hasText: "torture" }).count()) > 0,
    'the value "torture" is highlighted in its sentence',
  );
  check((await page.locator("#heatmap").count()) === 1, "the heat map exists");
  const coloured = await page.$$eval("#heatmap td", (cells) =>
    cells.filter((c) => (c.getAttribute("style") || "").includes("hsl(")).length,
  );
  check(coloured > 0, "heat map cells are coloured by agreement");
  check((await page.locator("#timeline").count()) === 1, "the timeline exists");
  check((await page.locator("#timeline svg rect").count()) > 0, "the timeline places events on dates");
  check(
    (await page.evaluate(() => document.scripts.length)) === 1,
    "the page runs only its own script",
  );

  // Verdict filter: unchecking "agreement" hides every agreement and nothing else.
  const agreements = page.locator('[data-verdict="agreement"]');
  const visibleCount = (loc) =>
    loc.evaluateAll((els) => els.filter((e) => e.offsetParent !== null || e.getClientRects().length > 0).length);
  const before = await visibleCount(agreements);
  check(before > 0, `agreements are shown before filtering (${before})`);
  await page.locator("#filter-agreement").uncheck();
  const after = await visibleCount(agreements);
  check(after === 0, `unchecking "agreement" hides all agreements (${after} still visible)`);
  check(await conflicts.first().isVisible(), "conflicts stay visible when agreements are hidden");
  check(await torture.isVisible(), 'the "torture" claim stays visible when agreements are hidden');
  await page.locator("#filter-agreement").check();
  check((await visibleCount(agreements)) === before, "checking it again shows the agreements again");

  // Source filter: only claims of the chosen document remain.
  const firstSource = await page.$eval("#source-filter option:nth-child(2)", (o) => o.value).catch(() => null);
  if (firstSource) {
    await page.selectOption("#source-filter", firstSource);
    const others = await page.$$eval(
      ".claim",
      (els, src) => els.filter((e) => e.getClientRects().length > 0 && e.dataset.source !== src).length,
      firstSource,
    );
    check(others === 0, `the source filter shows only ${firstSource}'s claims`);
    await page.selectOption("#source-filter", "");
  }

  check(fetched.length === 0, `nothing is fetched from the network (${fetched.join(", ") || "none"})`);
  check(pageErrors.length === 0, `no script errors (${pageErrors.join("; ") || "none"})`);
  check(dialogs.length === 0, `no dialogs opened (${dialogs.join("; ") || "none"})`);

  mkdirSync(path.dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`screenshot: ${screenshot}`);
  await context.close();
} finally {
  await browser.close();
}

console.log(`${passed} passed, ${failures.length} failed`);
if (failures.length > 0) {
  process.exit(1);
}
