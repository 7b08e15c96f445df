// docs/openapi.yaml is a valid OpenAPI 3.1 description, and every golden body (the document's
// examples, the errors, the Status V2 push) is valid against the schema it describes.
//   node tests/openapi/validate.mjs REPOSITORY_ROOT
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import { parse } from "yaml";
import fs from "node:fs";
import path from "node:path";

const root = process.argv[2] ?? ".";
const doc = parse(fs.readFileSync(path.join(root, "docs/openapi.yaml"), "utf8"));
let failures = 0;
const fail = (what) => {
  console.error(`FAIL ${what}`);
  failures++;
};

const checked = await new Validator().validate(doc);
if (!checked.valid) fail(`docs/openapi.yaml is not OpenAPI 3.1: ${JSON.stringify(checked.errors, null, 2)}`);
else console.log("ok   docs/openapi.yaml is valid OpenAPI 3.1");

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(doc, "oas");
const pointer = (...keys) => "oas#/" + keys.map((k) => String(k).replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
const answer = (route) => pointer("paths", route, "post", "responses", "200", "content", "application/json", "schema");
const request = (route) => pointer("paths", route, "post", "requestBody", "content", "application/json", "schema");
const error = (name) => pointer("components", "responses", name, "content", "application/json", "schema");
const schema = (name) => pointer("components", "schemas", name);

// Which schema each golden file answers to: by the route its name starts with.
const rules = [
  [/^(pricedev|price_not_found|credentials_missing)/, (f) => (f.endsWith("_request.json") ? pointer("components", "requestBodies", "Tariff", "content", "application/json", "schema") : answer("/tracing/api/pricedev"))],
  [/^(cnote|not_your_cnote)/, (f) => (f.endsWith("_request.json") ? pointer("components", "schemas", "Credentials") : answer("/tracing/api/list/v1/cnote/{awb}"))],
  [/^generatecnote/, (f) => (f.endsWith("_request.json") ? request("/tracing/api/generatecnote") : answer("/tracing/api/generatecnote"))],
  [/^pickupcashless/, (f) => (f.endsWith("_request.json") ? request("/pickupcashless") : answer("/pickupcashless"))],
  [/^stockawb/, (f) => (f.endsWith("_request.json") ? request("/tracing/api/stockawb") : answer("/tracing/api/stockawb"))],
  [/^http_404/, () => error("NotFound")],
  [/^http_405/, () => error("MethodNotAllowed")],
  [/^http_413/, () => error("TooLarge")],
  [/^history_/, () => schema("HistoryLine")],
  [/^webhook_/, () => pointer("webhooks", "statusV2", "post", "requestBody", "content", "application/json", "schema")],
];

const goldenDir = path.join(root, "tests/golden");
for (const file of fs.readdirSync(goldenDir).filter((f) => f.endsWith(".json")).sort()) {
  const rule = rules.find(([pattern]) => pattern.test(file));
  if (!rule) {
    fail(`${file}: no rule says which schema it answers to (tests/openapi/validate.mjs)`);
    continue;
  }
  const ref = rule[1](file);
  const validate = ajv.getSchema(ref);
  if (!validate) {
    fail(`${file}: no schema at ${ref}`);
    continue;
  }
  const body = JSON.parse(fs.readFileSync(path.join(goldenDir, file), "utf8"));
  if (validate(body)) console.log(`ok   ${file}`);
  else fail(`${file} against ${ref}: ${ajv.errorsText(validate.errors)}`);
}

// The schemas must not accept just anything: a body of another route's shape is refused.
const tariff = ajv.getSchema(answer("/tracing/api/pricedev"));
if (tariff({ detail: [{ status: "sukses", cnote_no: "1" }] })) fail("the tariff schema accepts a generatecnote body");
if (tariff({ price: [{ price: 12000 }] })) fail("the tariff schema accepts a number where JNE writes a string");

process.exit(failures === 0 ? 0 : 1);
