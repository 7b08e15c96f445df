// The public tracking page and tariff calculator in a real browser: Debian's Chromium, driven
// headless by playwright-core, against a real jne-server on port 0 with a fresh sandbox
// database. Each test saves a screenshot (JNE_SCREENSHOTS) for people to look at.
//
//   node --test page.test.mjs   (JNE_SERVER, JNE_SANDBOX_DATA, JNE_SCREENSHOTS, CHROMIUM)
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const serverBinary = process.env.JNE_SERVER;
const sandboxData = process.env.JNE_SANDBOX_DATA;
const screenshots = process.env.JNE_SCREENSHOTS || join(tmpdir(), "jne-page-screenshots");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
assert.ok(serverBinary, "JNE_SERVER names the jne-server binary");
assert.ok(sandboxData, "JNE_SANDBOX_DATA names the sandbox catalogue's folder");
mkdirSync(screenshots, { recursive: true });

const example = "5403212200022724";  // the document's tracking example: delivered, 7 scans
// The shipment this run creates: its addresses and phones must never reach the page.
const secrets = { shipperAddress: "JL MAWAR RAHASIA 17", receiverAddress: "GG MELATI TERSEMBUNYI 9",
  shipperPhone: "+628111222333", receiverPhone: "+628777888999" };

let server, base, browser, dir, created;

function startServer() {
  dir = mkdtempSync(join(tmpdir(), "jne-page-"));
  server = spawn(serverBinary, ["serve", "--sandbox", "--db", `sqlite:${join(dir, "jne.db")}`,
    "--address", "127.0.0.1", "--port", "0", "--quiet", "--sandbox-data", sandboxData,
    "--sandbox-speed", "0.001"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("jne-server did not start: " + out)), 180_000);
    server.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`jne-server exited (${code}): ${out}`)));
  });
}

async function createShipment() {
  const fields = {
    username: "TESTAPI", api_key: "25c898a9faea1a100859ecd9ef674548",
    OLSHOP_BRANCH: "CGK000", OLSHOP_CUST: "TESTAKUN", OLSHOP_ORDERID: `PAGE-${process.pid}`,
    OLSHOP_SHIPPER_NAME: "Budi Santoso", OLSHOP_SHIPPER_ADDR1: secrets.shipperAddress,
    OLSHOP_SHIPPER_ADDR2: "KALIBATA", OLSHOP_SHIPPER_ADDR3: "KALIBATA", OLSHOP_SHIPPER_CITY: "JAKARTA",
    OLSHOP_SHIPPER_REGION: "JAKARTA", OLSHOP_SHIPPER_ZIP: "12345", OLSHOP_SHIPPER_PHONE: secrets.shipperPhone,
    OLSHOP_RECEIVER_NAME: "Siti Aminah", OLSHOP_RECEIVER_ADDR1: secrets.receiverAddress,
    OLSHOP_RECEIVER_ADDR2: "CIBIRU", OLSHOP_RECEIVER_ADDR3: "BANDUNG", OLSHOP_RECEIVER_CITY: "BANDUNG",
    OLSHOP_RECEIVER_REGION: "JAWA BARAT", OLSHOP_RECEIVER_ZIP: "40614", OLSHOP_RECEIVER_PHONE: secrets.receiverPhone,
    OLSHOP_QTY: "1", OLSHOP_WEIGHT: "2", OLSHOP_GOODSDESC: "BUKU", OLSHOP_GOODSVALUE: "50000",
    OLSHOP_GOODSTYPE: "1", OLSHOP_INST: "-", OLSHOP_INS_FLAG: "N", OLSHOP_ORIG: "CGK10000",
    OLSHOP_DEST: "BDO10000", OLSHOP_SERVICE: "REG", OLSHOP_COD_FLAG: "N", OLSHOP_COD_AMOUNT: "0",
  };
  const response = await fetch(base + "/tracing/api/generatecnote", { method: "POST", body: new URLSearchParams(fields) });
  const body = await response.json();
  assert.equal(body.detail[0].status, "sukses", JSON.stringify(body));
  return body.detail[0].cnote_no;
}

// A number one digit off a real airwaybill: the check digit no longer agrees.
const mistype = (awb) => awb.slice(0, 15) + String((Number(awb[15]) + 1) % 10);
// A well-formed airwaybill (Luhn) that no shipment has.
function unknownAirwaybill() {
  const body = "880000000999999";
  let sum = 0;
  for (let i = 0; i < body.length; ++i) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

// A page in a fresh context; every answer the page fetches is kept, to check what it was sent.
async function open(options = {}) {
  const context = await browser.newContext({ locale: "id-ID", viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  const fetched = [];
  page.on("response", async (r) => {
    if (r.url().includes("/public/v1/")) fetched.push(r.text().catch(() => ""));
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  return { context, page, fetched: async () => (await Promise.all(fetched)).join("\n"), errors };
}

const shot = (page, name) => page.screenshot({ path: join(screenshots, name), fullPage: true });

before(async () => {
  base = await startServer();
  created = await createShipment();
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"] });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("typing an airwaybill shows its status and its timeline, names masked", async () => {
  const { context, page, fetched, errors } = await open();
  await page.goto(base + "/");
  assert.equal(await page.locator("h1:visible").textContent(), "Lacak kiriman");
  await page.fill("#awb", example);
  await page.click("#track-form button[type=submit]");
  await page.waitForURL(base + "/track/" + example);
  const card = page.locator("article.card.found");
  await card.waitFor();
  assert.equal(await card.locator(".status .stage").textContent(), "Terkirim");
  assert.equal(await card.locator(".status .awb").textContent(), example);
  const events = card.locator(".timeline .event");
  assert.equal(await events.count(), 7);
  // Newest first: the delivery at Sumbawa Besar, who signed masked.
  assert.equal(await events.first().locator(".place").textContent(), "SUMBAWA BESAR");
  assert.match(await events.first().locator(".text").textContent(), /A\*\*\* Y\*\*\*/);
  assert.match(await events.first().locator(".at").textContent(), /11 Jan 2022.*10\.32 WIB|11 Jan 2022.*10:32 WIB/);
  assert.equal(await events.last().locator(".place").textContent(), "TANGERANG");
  const text = await page.locator("body").innerText();
  assert.doesNotMatch(text, /A YANI/);
  assert.doesNotMatch(await fetched(), /A YANI/);
  assert.deepEqual(errors, []);
  await shot(page, "track-timeline.png");
  await context.close();
});

test("a deep link shows several shipments; no address or phone reaches the page", async () => {
  const { context, page, fetched, errors } = await open();
  await page.goto(`${base}/track/${created},${example}`);
  const cards = page.locator("article.card.found");
  await cards.nth(1).waitFor();
  assert.equal(await cards.count(), 2);
  const first = cards.first();
  assert.equal(await first.locator(".status .awb").textContent(), created);
  assert.equal(await first.locator(".status .stage").textContent(), "Pesanan dibuat");
  const facts = await first.locator(".facts").innerText();
  assert.match(facts, /B\*\*\* S\*\*\*/);
  assert.match(facts, /S\*\*\* A\*\*\*/);
  assert.match(facts, /JAKARTA → BANDUNG/);
  assert.match(facts, /REG/);
  const seen = (await page.locator("body").innerText()) + (await page.content()) + (await fetched());
  for (const secret of [...Object.values(secrets), "Budi", "Santoso", "Siti", "Aminah"])
    assert.ok(!seen.includes(secret), `the page or what it fetched holds ${secret}`);
  assert.deepEqual(errors, []);
  await shot(page, "track-deep-link.png");
  await context.close();
});

test("a mistyped and an unknown number each get their own message; back goes back", async () => {
  const { context, page } = await open();
  await page.goto(`${base}/track/${example}`);
  await page.locator("article.card.found").waitFor();

  await page.fill("#awb", `${mistype(created)}, ${unknownAirwaybill()}`);
  await page.click("#track-form button[type=submit]");
  const missing = page.locator("article.card.missing");
  await missing.nth(1).waitFor();
  assert.match(await page.locator("article.card.mistyped").textContent(), /bukan nomor resi yang benar/);
  assert.match(await page.locator("article.card.unknown").textContent(), /tidak ditemukan/);
  await shot(page, "track-mistyped.png");

  await page.goBack();
  await page.waitForURL(`${base}/track/${example}`);
  await page.locator("article.card.found").waitFor();
  assert.equal(await page.locator("#awb").inputValue(), example);
  assert.equal(await page.locator("article.card.missing").count(), 0);
  await page.goForward();
  await page.locator("article.card.mistyped").waitFor();
  await context.close();
});

test("English for an English browser, switchable to Indonesian and remembered", async () => {
  const { context, page } = await open({ locale: "en-US" });
  await page.goto(`${base}/track/${example}`);
  await page.locator("article.card.found").waitFor();
  assert.equal(await page.locator(".status .stage").textContent(), "Delivered");
  assert.equal(await page.locator("#tab-tariff").textContent(), "Prices");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await page.click("#language");
  assert.equal(await page.locator(".status .stage").textContent(), "Terkirim");
  assert.equal(await page.locator("#tab-tariff").textContent(), "Cek Tarif");
  await page.reload();
  await page.locator("article.card.found").waitFor();
  assert.equal(await page.locator(".status .stage").textContent(), "Terkirim");
  await context.close();
});

test("the calculator: type a place, pick it, give a weight and a size, see the prices", async () => {
  const { context, page, errors } = await open({ locale: "en-US" });
  await page.goto(base + "/");
  await page.click("#tab-tariff");
  await page.waitForURL(base + "/tariff");
  await page.fill("#from", "jakarta");
  const fromChoice = page.locator("#from-choices button:not([disabled])").first();
  await fromChoice.waitFor();
  // Places named so come first: a Jakarta district, not a village called Jakarta Baru.
  assert.match(await fromChoice.textContent(), /JAKARTA/);
  await fromChoice.click();
  const from = await page.locator("#from").inputValue();
  await page.fill("#thru", "bandu");
  const thruChoice = page.locator("#thru-choices button").first();
  await thruChoice.waitFor();
  const picked = await thruChoice.textContent();
  await thruChoice.click();
  assert.equal(await page.locator("#thru").inputValue(), picked);
  await page.fill("#weight", "1");
  await page.fill("#length", "30");
  await page.fill("#width", "30");
  await page.fill("#height", "30");
  await page.click("#tariff-form button[type=submit]");
  const rows = page.locator("table.prices tr.service");
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 1);
  assert.match(await rows.first().locator(".price").textContent(), /^Rp\s?[\d.]+$/);
  const charged = await page.locator(".charged").textContent();
  assert.match(charged, /Charged weight: 5 kg/);
  assert.match(charged, /volumetric weight 4\.5 kg is more than the actual 1 kg/);
  assert.equal(await page.locator(".route").textContent(), `${from} → ${picked}`);
  assert.match(page.url(), /\/tariff\?from=[A-Z]{3}\d{5}&thru=[A-Z]{3}\d{5}&weight=1&length=30/);
  assert.deepEqual(errors, []);
  await shot(page, "tariff.png");

  // The result is a link: back to the empty calculator, forward to the prices again.
  await page.goBack();
  await page.waitForURL(base + "/tariff");
  await page.goForward();
  await page.locator("table.prices tr.service").first().waitFor();
  await context.close();
});

test("on a phone-sized screen nothing overflows sideways", async () => {
  const { context, page, errors } = await open({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
    deviceScaleFactor: 2 });
  await page.goto(`${base}/track/${example}`);
  await page.locator("article.card.found").waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
  await shot(page, "phone-track.png");
  await page.goto(`${base}/tariff`);
  await page.locator("#tariff-form").waitFor();
  const tariffOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(tariffOverflow <= 0, `the calculator is ${tariffOverflow}px wider than the screen`);
  assert.deepEqual(errors, []);
  await shot(page, "phone-tariff.png");
  await context.close();
});
