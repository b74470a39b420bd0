// Verifies one captured webhook with the reference Standard Webhooks library.
//
//   node verify.mjs message.json
//
// message.json: { "secret": "whsec_…", "headers": { "webhook-id": …, … }, "body": "<raw body>", "now": 1795000000 }
// "now" (unix seconds, optional) is the receiver's clock: the tests run Ombud on a controlled clock, and the
// library checks the timestamp against Date.now(). Exits 0 when verify() accepts the message, 1 when it refuses it,
// 2 on a usage error.
import { readFileSync } from "node:fs";
import { Webhook } from "standardwebhooks";

const [path] = process.argv.slice(2);
if (!path) {
  console.error("usage: node verify.mjs <message.json>");
  process.exit(2);
}

const message = JSON.parse(readFileSync(path, "utf8"));
if (typeof message.now === "number") {
  const fixed = message.now * 1000;
  Date.now = () => fixed;
}

try {
  new Webhook(message.secret).verify(message.body, message.headers);
  console.log("verified");
  process.exit(0);
} catch (error) {
  console.log(`refused: ${error.message}`);
  process.exit(1);
}
