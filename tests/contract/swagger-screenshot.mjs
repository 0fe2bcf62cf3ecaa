// The Swagger UI screenshot of docs/api.md: Swagger UI's default example of POST /v1/tasks, sent with
// "Try it out" by Debian's Chromium (headless, driven by puppeteer-core), answered 202.
//
//   node swagger-screenshot.mjs <blux url> <client id> <client secret> <output.png>
//
// Exits non-zero, with no picture, unless the answer shown is 202.
import puppeteer from "puppeteer-core";

const [base, clientId, clientSecret, output] = process.argv.slice(2);
if (!output) {
  console.error("usage: node swagger-screenshot.mjs <blux url> <client id> <client secret> <output.png>");
  process.exit(2);
}

const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64");
const tokenAnswer = await fetch(`${base}/v1/tokens`, {
  method: "POST",
  headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
  body: "grant_type=client_credentials&scope=tasks%3Awrite%20tasks%3Aread",
});
if (!tokenAnswer.ok) {
  console.error(`no token: ${tokenAnswer.status} ${await tokenAnswer.text()}`);
  process.exit(1);
}
const { access_token: token } = await tokenAnswer.json();

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--hide-scrollbars"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
  await page.goto(`${base}/swagger/index.html`, { waitUntil: "networkidle0" });

  await page.click(".auth-wrapper button.authorize");
  await page.waitForSelector(".modal-ux input");
  await page.type(".modal-ux input", token);
  await page.click(".modal-ux button.authorize");
  await page.click(".modal-ux button.btn-done");

  const operation = "#operations-Lite-tasks_submit";
  await page.click(`${operation} .opblock-summary`);
  await page.waitForSelector(`${operation} button.try-out__btn`);
  await page.click(`${operation} button.try-out__btn`);
  await page.waitForSelector(`${operation} button.execute`);
  await page.click(`${operation} button.execute`);
  await page.waitForSelector(`${operation} .live-responses-table tbody .response-col_status`, { timeout: 30_000 });
  const status = await page.$eval(`${operation} .live-responses-table tbody .response-col_status`, (cell) => cell.textContent.trim());
  if (!status.startsWith("202")) {
    console.error(`the default example was answered ${status}, not 202`);
    process.exit(1);
  }

  // The request body as sent, then the answer: the part of the operation a reader needs.
  const box = await page.$eval(operation, (element) => {
    const body = element.querySelector(".opblock-section-request-body") ?? element;
    const answer = element.querySelector(".live-responses-table") ?? element;
    const top = body.getBoundingClientRect().top + window.scrollY - 60;
    const bottom = answer.getBoundingClientRect().bottom + window.scrollY + 10;
    const left = element.getBoundingClientRect().left + window.scrollX;
    return { x: left, y: top, width: element.getBoundingClientRect().width, height: bottom - top };
  });
  await page.screenshot({ path: output, clip: box, captureBeyondViewport: true });
  console.log(`${output}: POST /v1/tasks answered ${status}`);
} finally {
  await browser.close();
}
