//! The package compatibility suite of issue 13: popular npm packages that agents and Workers
//! use, each with a snippet returning a deterministic value, run by `sandbox run` and, through
//! `sandbox bundle`, in the real workerd (Worker Loader, as `parity.rs` does). The packages
//! are the real tarballs in `tests/fixtures/npm/` (with every dependency), installed once by
//! `sandbox install` from a registry on 127.0.0.1; nothing reaches the network.
//!
//! `tests/fixtures/compat-packages/expected.json` is the table of outcomes, by package:
//!
//! ```json
//! {
//!   "zod": { "workerd": { "ok": true, "result": { "good": true } } },
//!   "dotenv": {
//!     "workerd": { "ok": true, "result": { "A": "1" } },
//!     "sandbox": { "ok": false, "error": "..." },
//!     "reason": "why sandbox differs"
//!   }
//! }
//! ```
//!
//! `workerd` is what workerd gave (`{ok: true, result}` or `{ok: false, error}`); `sandbox`,
//! present only where sandbox gives something else, is exactly what it gives, with the
//! `reason`. A package that fails in workerd has a `reason` too (why it works in neither).
//! `sandbox run` must give workerd's outcome, or exactly the recorded one; an entry whose
//! recorded difference is gone fails the test until it is removed, so the table stays true.
//! The test that runs workerd compares it with the `workerd` outcomes; with
//! `UPDATE_EXPECTED=1` it rewrites them instead, and the sandbox test records sandbox's new
//! outcomes (a difference still needs its reason written by hand: one without fails).
//! `README.md`'s "Package compatibility" section reports the counts from this table, which
//! the last test checks.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Weak};

use serde_json::{Map, Value, json};

use crate::support::expected::{differences, updating};
use crate::support::registry::TestRegistry;
use crate::support::workerd::Workerd;
use crate::support::{TestContext, output, repository_root};

/// A package of the suite: its exact version (the tarball in `tests/fixtures/npm/`) and a
/// snippet, the module `sandbox run` runs: its default export returns the value compared.
struct Package {
    name: &'static str,
    version: &'static str,
    snippet: &'static str,
}

/// The packages, with what the snippet exercises. Those that generate code (ajv,
/// handlebars, eta) compile while the module loads, where workerd allows `new Function`.
const PACKAGES: &[Package] = &[
    Package {
        name: "zod",
        version: "3.24.1",
        snippet: r#"import { z } from "zod";

const User = z.object({ name: z.string().min(2), age: z.number().int().nonnegative(), tags: z.array(z.string()).default([]) });

export default function () {
  const good = User.parse({ name: "Ada", age: 36 });
  const bad = User.safeParse({ name: "A", age: -1 });
  return { good, issues: bad.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) };
}
"#,
    },
    Package {
        name: "valibot",
        version: "1.5.0",
        snippet: r#"import * as v from "valibot";

const Login = v.object({ email: v.pipe(v.string(), v.email()), password: v.pipe(v.string(), v.minLength(8)) });

export default function () {
  const good = v.safeParse(Login, { email: "ada@example.com", password: "correct horse" });
  const bad = v.safeParse(Login, { email: "not-an-email", password: "short" });
  return { good: good.success, output: good.output, issues: bad.issues.map((issue) => issue.message) };
}
"#,
    },
    Package {
        name: "yup",
        version: "1.7.1",
        snippet: r#"import * as yup from "yup";

const schema = yup.object({ name: yup.string().required(), age: yup.number().positive().integer(), email: yup.string().email() });

export default async function () {
  const cast = schema.cast({ name: "Ada", age: "36" });
  let error;
  try {
    await schema.validate({ age: -3, email: "nope" }, { abortEarly: false });
  } catch (caught) {
    error = caught.errors;
  }
  return { cast, error };
}
"#,
    },
    Package {
        name: "ajv",
        version: "8.20.0",
        snippet: r#"import Ajv from "ajv";

// ajv generates code with `new Function`: compiled while the module loads, as workerd allows.
const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile({
  type: "object",
  properties: { id: { type: "integer", minimum: 1 }, name: { type: "string", maxLength: 5 } },
  required: ["id", "name"],
  additionalProperties: false,
});

export default function () {
  const good = validate({ id: 1, name: "tea" });
  const bad = validate({ id: 0, name: "coffee", extra: true });
  return { good, bad, errors: validate.errors.map((error) => `${error.instancePath} ${error.message}`) };
}
"#,
    },
    Package {
        name: "superstruct",
        version: "2.0.2",
        snippet: r#"import { object, string, number, array, validate, is, min } from "superstruct";

const Article = object({ id: min(number(), 1), title: string(), tags: array(string()) });

export default function () {
  const [error] = validate({ id: 0, title: "Hi", tags: ["a", 1] }, Article);
  return { valid: is({ id: 1, title: "Hi", tags: [] }, Article), failures: error.failures().map((failure) => failure.path.join(".")) };
}
"#,
    },
    Package {
        name: "zod-to-json-schema",
        version: "3.24.1",
        snippet: r#"import { z } from "zod";
import { zodToJsonSchema } from "zod-to-json-schema";

export default function () {
  const Tool = z.object({ city: z.string().describe("City name"), unit: z.enum(["c", "f"]).optional() });
  return zodToJsonSchema(Tool, "weather");
}
"#,
    },
    Package {
        name: "lodash",
        version: "4.18.1",
        snippet: r#"import _ from "lodash";

export default function () {
  const orders = [
    { customer: "ada", total: 30 },
    { customer: "bob", total: 12 },
    { customer: "ada", total: 8 },
  ];
  return {
    chunks: _.chunk([1, 2, 3, 4, 5], 2),
    byCustomer: _.mapValues(_.groupBy(orders, "customer"), (list) => _.sumBy(list, "total")),
    picked: _.pick({ a: 1, b: 2, c: 3 }, ["a", "c"]),
    merged: _.merge({ a: { b: 1 } }, { a: { c: 2 } }),
    kebab: _.kebabCase("Hello World Again"),
    version: _.VERSION,
  };
}
"#,
    },
    Package {
        name: "lodash-es",
        version: "4.18.1",
        snippet: r#"import { camelCase, uniqBy, orderBy, debounce, get } from "lodash-es";

export default function () {
  return {
    camel: camelCase("foo_bar-baz"),
    unique: uniqBy([{ id: 1 }, { id: 2 }, { id: 1 }], "id"),
    ordered: orderBy([{ n: "b", v: 2 }, { n: "a", v: 2 }, { n: "c", v: 1 }], ["v", "n"], ["desc", "asc"]).map((row) => row.n),
    deep: get({ a: [{ b: { c: 3 } }] }, "a[0].b.c"),
    debounced: typeof debounce(() => {}, 10).cancel,
  };
}
"#,
    },
    Package {
        name: "ramda",
        version: "0.32.0",
        snippet: r#"import * as R from "ramda";

export default function () {
  const total = R.pipe(R.filter(R.propEq(true, "paid")), R.map(R.prop("amount")), R.sum);
  return {
    total: total([{ paid: true, amount: 5 }, { paid: false, amount: 7 }, { paid: true, amount: 2 }]),
    grouped: R.groupBy(R.prop("kind"), [{ kind: "a", v: 1 }, { kind: "b", v: 2 }, { kind: "a", v: 3 }]),
    lens: R.set(R.lensPath(["a", "b"]), 42, { a: { b: 1, c: 2 } }),
  };
}
"#,
    },
    Package {
        name: "date-fns",
        version: "4.4.0",
        snippet: r#"import { addDays, differenceInCalendarDays, format, formatISO, parseISO, isWeekend } from "date-fns";

export default function () {
  const start = parseISO("2024-02-27T12:00:00Z");
  const end = addDays(start, 3);
  return {
    end: formatISO(end, { representation: "date" }),
    days: differenceInCalendarDays(end, start),
    formatted: format(end, "EEEE, MMMM do yyyy"),
    weekend: isWeekend(parseISO("2024-03-02T12:00:00Z")),
  };
}
"#,
    },
    Package {
        name: "dayjs",
        version: "1.11.23",
        snippet: r#"import dayjs from "dayjs";

export default function () {
  const start = dayjs("2024-01-31T08:30:00Z");
  return {
    plusMonth: start.add(1, "month").toISOString(),
    startOfWeek: start.startOf("week").format("YYYY-MM-DD"),
    diff: dayjs("2024-12-25").diff("2024-01-01", "day"),
    valid: dayjs("not a date").isValid(),
  };
}
"#,
    },
    Package {
        name: "luxon",
        version: "3.7.2",
        snippet: r#"import { DateTime, Duration, Interval } from "luxon";

export default function () {
  const start = DateTime.fromISO("2024-03-10T01:30:00", { zone: "utc" });
  const later = start.plus({ days: 2, hours: 5 });
  return {
    later: later.toISO(),
    formatted: later.toFormat("yyyy LLL dd HH:mm"),
    duration: Duration.fromObject({ minutes: 135 }).shiftTo("hours", "minutes").toObject(),
    length: Interval.fromDateTimes(start, later).length("hours"),
    inTokyo: start.setZone("Asia/Tokyo").toFormat("HH:mm ZZ"),
  };
}
"#,
    },
    Package {
        name: "nanoid",
        version: "5.1.16",
        snippet: r#"import { nanoid, customAlphabet } from "nanoid";

export default function () {
  const id = nanoid();
  const digits = customAlphabet("0123456789", 12)();
  return { length: id.length, urlSafe: /^[A-Za-z0-9_-]+$/.test(id), digits: /^[0-9]{12}$/.test(digits) };
}
"#,
    },
    Package {
        name: "uuid",
        version: "14.0.3",
        snippet: r#"import { v4, v5, validate, version, NIL } from "uuid";

export default function () {
  const random = v4();
  return {
    v5: v5("https://example.com/a", v5.URL),
    v4: validate(random) && version(random),
    nil: NIL,
  };
}
"#,
    },
    Package {
        name: "ms",
        version: "2.1.3",
        snippet: r#"import ms from "ms";

export default function () {
  return { twoDays: ms("2 days"), short: ms(90_000), long: ms(3_600_000, { long: true }), bad: ms("lots") ?? null };
}
"#,
    },
    Package {
        name: "semver",
        version: "7.8.6",
        snippet: r#"import semver from "semver";

export default function () {
  return {
    satisfies: semver.satisfies("1.4.2", "^1.2.0 <1.5"),
    max: semver.maxSatisfying(["1.2.3", "1.9.0", "2.0.0"], "~1.9 || <1.3"),
    next: semver.inc("1.2.3-beta.1", "prerelease"),
    sorted: semver.rsort(["0.1.0", "10.0.0", "2.0.0-rc.1", "2.0.0"]),
    coerced: semver.coerce("v3.4 build")?.version,
  };
}
"#,
    },
    Package {
        name: "qs",
        version: "6.17.1",
        snippet: r#"import qs from "qs";

export default function () {
  const parsed = qs.parse("filter[status]=open&filter[tags][]=a&filter[tags][]=b&page=2");
  return { parsed, string: qs.stringify({ a: { b: [1, 2] }, c: "d e" }, { encodeValuesOnly: true }) };
}
"#,
    },
    Package {
        name: "immer",
        version: "11.2.14",
        snippet: r#"import { produce } from "immer";

export default function () {
  const base = { todos: [{ id: 1, done: false }, { id: 2, done: false }], count: 0 };
  const next = produce(base, (draft) => {
    draft.todos[1].done = true;
    draft.count += 1;
  });
  return { next, shared: base.todos[0] === next.todos[0], frozen: Object.isFrozen(next), baseUnchanged: base.count };
}
"#,
    },
    Package {
        name: "clsx",
        version: "2.1.1",
        snippet: r#"import clsx from "clsx";

export default function () {
  return clsx("button", { active: true, disabled: false }, ["large", null, ["primary"]], 0 && "never");
}
"#,
    },
    Package {
        name: "deepmerge",
        version: "4.3.1",
        snippet: r#"import deepmerge from "deepmerge";

export default function () {
  return deepmerge.all([{ a: [1], b: { c: 1 } }, { a: [2], b: { d: 2 } }, { e: 3 }]);
}
"#,
    },
    Package {
        name: "fast-deep-equal",
        version: "3.1.3",
        snippet: r#"import equal from "fast-deep-equal";

export default function () {
  return { same: equal({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), different: equal({ a: 1 }, { a: "1" }) };
}
"#,
    },
    Package {
        name: "csv-parse",
        version: "7.0.3",
        snippet: r#"import { parse } from "csv-parse";

export default function () {
  const input = 'name,qty,note\ntea,2,"hot, black"\ncoffee,1,""\n';
  return new Promise((resolve, reject) => {
    parse(input, { columns: true, cast: true }, (error, records) => (error ? reject(error) : resolve(records)));
  });
}
"#,
    },
    Package {
        name: "papaparse",
        version: "5.7.1",
        snippet: r#"import Papa from "papaparse";

export default function () {
  const result = Papa.parse("name,qty\ntea,2\ncoffee,1.5\n", { header: true, dynamicTyping: true, skipEmptyLines: true });
  return { data: result.data, fields: result.meta.fields, csv: Papa.unparse([{ a: 1, b: "x,y" }]) };
}
"#,
    },
    Package {
        name: "yaml",
        version: "2.9.1",
        snippet: r#"import YAML from "yaml";

export default function () {
  const doc = YAML.parse("server:\n  port: 8080\n  hosts: [a, b]\nenabled: true\n");
  return { doc, text: YAML.stringify({ list: [1, "two"], nested: { ok: null } }) };
}
"#,
    },
    Package {
        name: "js-yaml",
        version: "5.5.0",
        snippet: r#"import { load, dump } from "js-yaml";

export default function () {
  const doc = load("name: tea\nprices:\n  - 1.5\n  - 2\nwhen: 2024-01-01\n");
  return { name: doc.name, prices: doc.prices, when: doc.when, dumped: dump({ a: [1, { b: "c" }] }) };
}
"#,
    },
    Package {
        name: "smol-toml",
        version: "1.9.1",
        snippet: r#"import { parse, stringify } from "smol-toml";

export default function () {
  const config = parse('title = "app"\n[server]\nport = 8080\nhosts = ["a", "b"]\n');
  return { config, text: stringify({ name: "x", deps: { zod: "3" } }) };
}
"#,
    },
    Package {
        name: "fast-xml-parser",
        version: "5.12.1",
        snippet: r#"import { XMLParser, XMLBuilder } from "fast-xml-parser";

export default function () {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
  const feed = parser.parse('<feed><entry id="1"><title>One</title></entry><entry id="2"><title>Two</title></entry></feed>');
  const xml = new XMLBuilder({ format: false }).build({ root: { item: ["a", "b"] } });
  return { feed, xml };
}
"#,
    },
    Package {
        name: "xml2js",
        version: "0.6.2",
        snippet: r#"import xml2js from "xml2js";

export default async function () {
  const parsed = await xml2js.parseStringPromise('<order id="7"><item qty="2">tea</item><item qty="1">cake</item></order>');
  const xml = new xml2js.Builder({ headless: true, renderOpts: { pretty: false } }).buildObject({ note: { to: "Ada", body: "hi" } });
  return { parsed, xml };
}
"#,
    },
    Package {
        name: "marked",
        version: "18.3.0",
        snippet: r##"import { marked } from "marked";

export default function () {
  return marked.parse("# Title\n\nSome *emphasis* and `code`.\n\n- one\n- two\n");
}
"##,
    },
    Package {
        name: "markdown-it",
        version: "15.0.3",
        snippet: r###"import MarkdownIt from "markdown-it";

export default function () {
  const md = new MarkdownIt({ linkify: true });
  return md.render("## Links\n\nVisit https://example.com or [docs](/docs).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
}
"###,
    },
    Package {
        name: "htmlparser2",
        version: "12.0.0",
        snippet: r#"import { parseDocument, DomUtils } from "htmlparser2";

export default function () {
  const document = parseDocument('<ul><li><a href="/a">A</a></li><li><a href="https://b.example">B</a></li></ul><p>Text &amp; more</p>');
  return {
    links: DomUtils.getElementsByTagName("a", document).map((link) => [link.attribs.href, DomUtils.textContent(link)]),
    text: DomUtils.textContent(DomUtils.getElementsByTagName("p", document)[0]),
  };
}
"#,
    },
    Package {
        name: "he",
        version: "1.2.0",
        snippet: r#"import he from "he";

export default function () {
  return { encoded: he.encode("café <b> & ©"), decoded: he.decode("&lt;p&gt;&eacute;&#x1F600;&amp;"), escaped: he.escape("<a href=\"x\">") };
}
"#,
    },
    Package {
        name: "mime",
        version: "4.1.2",
        snippet: r#"import mime from "mime";

export default function () {
  return { json: mime.getType("data.json"), svg: mime.getType("image.svg"), extension: mime.getExtension("text/html"), unknown: mime.getType("x.nope") };
}
"#,
    },
    Package {
        name: "mime-types",
        version: "3.0.2",
        snippet: r#"import mime from "mime-types";

export default function () {
  return { lookup: mime.lookup("report.pdf"), contentType: mime.contentType("markdown"), extension: mime.extension("application/json"), charset: mime.charset("text/css") };
}
"#,
    },
    Package {
        name: "jose",
        version: "6.2.19",
        snippet: r#"import { SignJWT, jwtVerify, decodeJwt } from "jose";

const secret = new TextEncoder().encode("a-string-secret-at-least-256-bits-long");

export default async function () {
  const token = await new SignJWT({ role: "admin" }).setProtectedHeader({ alg: "HS256" }).setSubject("user-1").setIssuedAt(1700000000).sign(secret);
  const { payload, protectedHeader } = await jwtVerify(token, secret, { currentDate: new Date(1700000100000) });
  return { token, payload, protectedHeader, decoded: decodeJwt(token).sub };
}
"#,
    },
    Package {
        name: "jsonwebtoken",
        version: "9.0.3",
        snippet: r#"import jwt from "jsonwebtoken";

export default function () {
  const token = jwt.sign({ sub: "user-1", role: "admin", iat: 1700000000 }, "secret");
  const verified = jwt.verify(token, "secret", { clockTimestamp: 1700000100 });
  let error;
  try {
    jwt.verify(token, "wrong");
  } catch (caught) {
    error = `${caught.name}: ${caught.message}`;
  }
  return { token, verified, error };
}
"#,
    },
    Package {
        name: "bcryptjs",
        version: "3.0.3",
        snippet: r#"import bcrypt from "bcryptjs";

export default function () {
  const hash = bcrypt.hashSync("hunter2", "$2b$04$abcdefghijklmnopqrstuu");
  return { hash, ok: bcrypt.compareSync("hunter2", hash), wrong: bcrypt.compareSync("hunter3", hash), rounds: bcrypt.getRounds(hash) };
}
"#,
    },
    Package {
        name: "crypto-js",
        version: "4.2.0",
        snippet: r#"import CryptoJS from "crypto-js";

export default function () {
  const key = CryptoJS.enc.Hex.parse("000102030405060708090a0b0c0d0e0f");
  const iv = CryptoJS.enc.Hex.parse("0f0e0d0c0b0a09080706050403020100");
  const encrypted = CryptoJS.AES.encrypt("attack at dawn", key, { iv }).toString();
  return {
    sha256: CryptoJS.SHA256("abc").toString(),
    hmac: CryptoJS.HmacSHA256("message", "key").toString(CryptoJS.enc.Base64),
    md5: CryptoJS.MD5("abc").toString(),
    encrypted,
    decrypted: CryptoJS.AES.decrypt(encrypted, key, { iv }).toString(CryptoJS.enc.Utf8),
  };
}
"#,
    },
    Package {
        name: "js-base64",
        version: "3.9.8",
        snippet: r#"import { Base64 } from "js-base64";

export default function () {
  const encoded = Base64.encode("héllo wörld ✓");
  return { encoded, url: Base64.encodeURI("a?b>c"), decoded: Base64.decode(encoded), valid: Base64.isValid("aGVsbG8=") };
}
"#,
    },
    Package {
        name: "iconv-lite",
        version: "0.7.3",
        snippet: r#"import iconv from "iconv-lite";

export default function () {
  const latin = iconv.encode("héllo €", "win1252");
  return {
    latin: Array.from(latin),
    sjis: iconv.decode(Uint8Array.from([0x82, 0xb1, 0x82, 0xf1, 0x82, 0xc9, 0x82, 0xbf, 0x82, 0xcd]), "Shift_JIS"),
    supported: iconv.encodingExists("koi8-r"),
  };
}
"#,
    },
    Package {
        name: "pako",
        version: "3.0.3",
        snippet: r#"import { deflate, inflate, gzip } from "pako";

export default function () {
  const text = "hello hello hello hello pako";
  const compressed = deflate(text);
  return { compressed: Array.from(compressed), restored: new TextDecoder().decode(inflate(compressed)), gzipHead: Array.from(gzip(text).slice(0, 3)) };
}
"#,
    },
    Package {
        name: "fflate",
        version: "0.8.3",
        snippet: r#"import { zlibSync, unzlibSync, strToU8, strFromU8, zipSync, unzipSync } from "fflate";

export default function () {
  const compressed = zlibSync(strToU8("fflate fflate fflate fflate"), { level: 9 });
  const zip = zipSync({ "a.txt": strToU8("first"), "dir/b.txt": strToU8("second") }, { mtime: new Date(Date.UTC(2024, 0, 1)) });
  const files = unzipSync(zip);
  return { compressed: Array.from(compressed), restored: strFromU8(unzlibSync(compressed)), files: Object.keys(files).map((name) => [name, strFromU8(files[name])]) };
}
"#,
    },
    Package {
        name: "jszip",
        version: "3.10.2",
        snippet: r#"import JSZip from "jszip";

export default async function () {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2024, 0, 1));
  zip.file("hello.txt", "Hello, zip", { date });
  zip.folder("data").file("n.json", JSON.stringify({ n: 1 }), { date });
  const bytes = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
  const loaded = await JSZip.loadAsync(bytes);
  return { size: bytes.length, files: Object.keys(loaded.files), hello: await loaded.file("hello.txt").async("string") };
}
"#,
    },
    Package {
        name: "handlebars",
        version: "4.7.10",
        snippet: r#"import Handlebars from "handlebars";

// Handlebars compiles templates to functions: compiled while the module loads, as workerd allows.
Handlebars.registerHelper("upper", (text) => text.toUpperCase());
const template = Handlebars.compile("<h1>{{upper title}}</h1>{{#each items}}<li>{{name}}: {{price}}</li>{{/each}}{{{raw}}}{{safe}}");
// `compile` is lazy: the first call compiles, so make it here.
template({ title: "", items: [] });

export default function () {
  return template({ title: "menu", items: [{ name: "tea", price: 2 }, { name: "cake", price: 4 }], raw: "<br>", safe: "<b>" });
}
"#,
    },
    Package {
        name: "mustache",
        version: "4.2.0",
        snippet: r#"import Mustache from "mustache";

export default function () {
  return Mustache.render("Hello {{name}}! {{#items}}[{{.}}]{{/items}}{{^none}} none{{/none}} {{{html}}} {{html}}", { name: "Ada", items: [1, 2], html: "<i>" });
}
"#,
    },
    Package {
        name: "eta",
        version: "4.6.0",
        snippet: r#"import { Eta } from "eta";

// Eta compiles templates with `new Function`: compiled while the module loads, as workerd allows.
const eta = new Eta();
const template = eta.compile("Hi <%= it.name %>! <% it.items.forEach(function (item) { %>[<%= item %>]<% }) %>");

export default function () {
  return eta.render(template, { name: "<Ada>", items: ["a", "b"] });
}
"#,
    },
    Package {
        name: "mathjs",
        version: "15.2.0",
        snippet: r#"import { evaluate, det, fraction, format, unit, simplify } from "mathjs";

export default function () {
  return {
    hypotenuse: evaluate("sqrt(3^2 + 4^2)"),
    determinant: det([[1, 2], [3, 4]]),
    fraction: format(fraction(1, 3).add(fraction(1, 6))),
    inches: unit("5 cm").toNumber("inch"),
    simplified: simplify("2x + 3x").toString(),
  };
}
"#,
    },
    Package {
        name: "decimal.js",
        version: "10.6.0",
        snippet: r#"import Decimal from "decimal.js";

export default function () {
  return {
    sum: new Decimal("0.1").plus("0.2").toString(),
    power: new Decimal(2).pow(100).toFixed(),
    root: Decimal.sqrt(2).toSignificantDigits(30).toString(),
    division: new Decimal(1).div(7).toFixed(20),
  };
}
"#,
    },
    Package {
        name: "big.js",
        version: "7.0.1",
        snippet: r#"import Big from "big.js";

export default function () {
  return { sum: new Big("0.1").plus("0.2").toString(), product: new Big("123.456").times("7.89").toFixed(4), compare: new Big(1).cmp("0.99") };
}
"#,
    },
    Package {
        name: "itty-router",
        version: "5.0.24",
        snippet: r#"import { Router, json, error } from "itty-router";

const router = Router();
router.get("/items/:id", ({ params }) => json({ id: params.id }));
router.all("*", () => error(404, "not here"));

export default async function () {
  const found = await router.fetch(new Request("https://example.com/items/42"));
  const missing = await router.fetch(new Request("https://example.com/other"));
  return { found: [found.status, await found.json()], missing: [missing.status, await missing.json()] };
}
"#,
    },
    Package {
        name: "hono",
        version: "4.6.14",
        snippet: r#"import { Hono } from "hono";

const app = new Hono();
app.get("/hello/:name", (c) => c.text(`Hello, ${c.req.param("name")}!`));
app.post("/echo", async (c) => c.json({ got: await c.req.json() }, 201));

export default async function () {
  const hello = await app.request("/hello/Ada");
  const echo = await app.request("/echo", { method: "POST", body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json" } });
  return { hello: await hello.text(), echo: [echo.status, await echo.json()], missing: (await app.request("/nope")).status };
}
"#,
    },
    Package {
        name: "dotenv",
        version: "18.0.10",
        snippet: r#"import dotenv from "dotenv";

export default function () {
  return dotenv.parse("API_URL=https://example.com\n# comment\nQUOTED=\"two words\"\nMULTI=\"a\\nb\"\nEMPTY=\n");
}
"#,
    },
    Package {
        name: "chalk",
        version: "5.6.2",
        snippet: r#"import { Chalk } from "chalk";

export default function () {
  const chalk = new Chalk({ level: 1 });
  return { red: chalk.red("error"), bold: chalk.bold.underline("title"), none: new Chalk({ level: 0 }).green("plain") };
}
"#,
    },
    Package {
        name: "superjson",
        version: "2.2.7",
        snippet: r#"import superjson from "superjson";

export default function () {
  const { json, meta } = superjson.serialize({ when: new Date(Date.UTC(2024, 0, 1)), tags: new Set(["a"]), big: 10n, map: new Map([["k", 1]]) });
  const back = superjson.deserialize({ json, meta });
  return { json, meta, roundTrip: [back.when instanceof Date, back.tags.has("a"), typeof back.big, back.map.get("k")] };
}
"#,
    },
    Package {
        name: "diff",
        version: "9.0.0",
        snippet: r#"import { diffWords, createTwoFilesPatch } from "diff";

export default function () {
  return {
    words: diffWords("the quick fox", "the slow fox").map((part) => (part.added ? `+${part.value}` : part.removed ? `-${part.value}` : part.value)),
    patch: createTwoFilesPatch("a.txt", "b.txt", "one\ntwo\n", "one\nthree\n"),
  };
}
"#,
    },
    Package {
        name: "fuse.js",
        version: "7.5.0",
        snippet: r#"import Fuse from "fuse.js";

export default function () {
  const fuse = new Fuse([{ title: "Old Man's War" }, { title: "The Lock Artist" }, { title: "Artist for Hire" }], { keys: ["title"], includeScore: false });
  return fuse.search("artist").map((result) => result.item.title);
}
"#,
    },
    Package {
        name: "lru-cache",
        version: "10.4.3",
        snippet: r#"import { LRUCache } from "lru-cache";

export default function () {
  const cache = new LRUCache({ max: 2 });
  cache.set("a", 1);
  cache.set("b", 2);
  cache.get("a");
  cache.set("c", 3);
  return { keys: [...cache.keys()], hasB: cache.has("b"), size: cache.size };
}
"#,
    },
    Package {
        name: "eventemitter3",
        version: "5.0.4",
        snippet: r#"import EventEmitter from "eventemitter3";

export default function () {
  const emitter = new EventEmitter();
  const seen = [];
  emitter.on("data", (value) => seen.push(`on:${value}`));
  emitter.once("data", (value) => seen.push(`once:${value}`));
  emitter.emit("data", 1);
  emitter.emit("data", 2);
  return { seen, listeners: emitter.listenerCount("data") };
}
"#,
    },
    Package {
        name: "p-limit",
        version: "7.3.3",
        snippet: r#"import pLimit from "p-limit";

export default async function () {
  const limit = pLimit(2);
  let running = 0;
  let peak = 0;
  const task = (n) => limit(async () => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;
    return n * 2;
  });
  const results = await Promise.all([1, 2, 3, 4, 5].map(task));
  return { results, peak };
}
"#,
    },
    Package {
        name: "change-case",
        version: "5.4.4",
        snippet: r#"import { camelCase, snakeCase, pascalCase, constantCase, kebabCase } from "change-case";

export default function () {
  const input = "user profile ID";
  return [camelCase(input), snakeCase(input), pascalCase(input), constantCase(input), kebabCase(input)];
}
"#,
    },
    Package {
        name: "slugify",
        version: "1.6.9",
        snippet: r#"import slugify from "slugify";

export default function () {
  return [slugify("Hello, World & Friends!"), slugify("Ünïcödé  straße", { lower: true, strict: true })];
}
"#,
    },
    Package {
        name: "validator",
        version: "13.15.35",
        snippet: r#"import validator from "validator";

export default function () {
  return {
    email: validator.isEmail("ada@example.com"),
    url: validator.isURL("https://example.com/path?q=1"),
    uuid: validator.isUUID("not-a-uuid"),
    escaped: validator.escape("<script>"),
    ip: validator.isIP("192.168.1.300"),
  };
}
"#,
    },
    Package {
        name: "cookie",
        version: "1.1.1",
        snippet: r#"import { parse, serialize } from "cookie";

export default function () {
  return {
    parsed: parse("session=abc123; theme=dark; empty="),
    cookie: serialize("token", "x y", { httpOnly: true, maxAge: 3600, path: "/", sameSite: "lax" }),
  };
}
"#,
    },
    Package {
        name: "path-to-regexp",
        version: "9.0.0",
        snippet: r#"import { match, compile } from "path-to-regexp";

export default function () {
  const route = match("/users/:id/posts{/:post}");
  return { matched: route("/users/7/posts/42"), missing: route("/teams/1"), built: compile("/files/*path")({ path: ["a", "b.txt"] }) };
}
"#,
    },
    Package {
        name: "escape-html",
        version: "1.0.3",
        snippet: r#"import escape from "escape-html";

export default function () {
  return escape(`<a href="x" title='y'>&</a>`);
}
"#,
    },
    Package {
        name: "fast-json-stable-stringify",
        version: "2.1.0",
        snippet: r#"import stringify from "fast-json-stable-stringify";

export default function () {
  return stringify({ b: [3, { d: 1, c: 2 }], a: null });
}
"#,
    },
    Package {
        name: "sprintf-js",
        version: "1.1.3",
        snippet: r#"import { sprintf, vsprintf } from "sprintf-js";

export default function () {
  return [sprintf("%05.2f|%-6s|%x|%+d", 3.14159, "ab", 255, 5), vsprintf("%2$s %1$s", ["world", "hello"]), sprintf("%(name)s is %(age)d", { name: "Ada", age: 36 })];
}
"#,
    },
    Package {
        name: "pluralize",
        version: "8.0.0",
        snippet: r#"import pluralize from "pluralize";

export default function () {
  return [pluralize("person"), pluralize("box", 1, true), pluralize.singular("indices"), pluralize("sheep", 3, true)];
}
"#,
    },
    Package {
        name: "string_decoder",
        version: "1.4.0",
        snippet: r#"import { StringDecoder } from "string_decoder/lib/string_decoder.js";

export default function () {
  const decoder = new StringDecoder("utf8");
  const euro = [0xe2, 0x82, 0xac];
  return [decoder.write(Buffer.from(euro.slice(0, 1))), decoder.write(Buffer.from(euro.slice(1))), decoder.end()];
}
"#,
    },
    Package {
        name: "safe-buffer",
        version: "5.2.1",
        snippet: r#"import { Buffer as SafeBuffer } from "safe-buffer";

export default function () {
  const bytes = SafeBuffer.from("hello", "utf8");
  return { hex: bytes.toString("hex"), base64: bytes.toString("base64"), zeroed: Array.from(SafeBuffer.alloc(3)) };
}
"#,
    },
    Package {
        name: "json5",
        version: "2.2.3",
        snippet: r#"import JSON5 from "json5";

export default function () {
  return { parsed: JSON5.parse("{ unquoted: 'single', trailing: [1, 2,], hex: 0xFF, // comment\n }"), text: JSON5.stringify({ a: "b", "c-d": 1 }) };
}
"#,
    },
    Package {
        name: "ulid",
        version: "3.0.2",
        snippet: r#"import { ulid, decodeTime } from "ulid";

export default function () {
  const id = ulid(1700000000000);
  return { time: id.slice(0, 10), decoded: decodeTime(id), length: id.length };
}
"#,
    },
    Package {
        name: "sax",
        version: "1.4.1",
        snippet: r#"import sax from "sax";

export default function () {
  const parser = sax.parser(true);
  const events = [];
  parser.onopentag = (node) => events.push(`open:${node.name}:${JSON.stringify(node.attributes)}`);
  parser.ontext = (text) => events.push(`text:${text}`);
  parser.onclosetag = (name) => events.push(`close:${name}`);
  parser.write('<a x="1"><b>hi</b></a>').close();
  return events;
}
"#,
    },
];

/// The committed table of outcomes.
fn table_path() -> PathBuf {
    repository_root().join("tests/fixtures/compat-packages/expected.json")
}

/// Tests that rewrite the table take turns.
static TABLE: Mutex<()> = Mutex::new(());

/// One package's row of the table.
#[derive(Debug, Clone, Default)]
struct Entry {
    /// What workerd gave.
    workerd: Value,
    /// What sandbox gives, where it differs from workerd.
    sandbox: Option<Value>,
    /// What `sandbox run --no-bundle` gives, where it differs from what `sandbox run` must.
    no_bundle: Option<Value>,
    /// Why sandbox differs, or why the package fails in workerd.
    reason: Option<String>,
}

impl Entry {
    /// What sandbox must give.
    fn sandbox(&self) -> &Value {
        self.sandbox.as_ref().unwrap_or(&self.workerd)
    }

    /// What sandbox must give with `--no-bundle`.
    fn no_bundle(&self) -> &Value {
        self.no_bundle.as_ref().unwrap_or_else(|| self.sandbox())
    }
}

fn read_table() -> BTreeMap<String, Entry> {
    let path = table_path();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return BTreeMap::new(),
        Err(error) => panic!("read {}: {error}", path.display()),
    };
    let table: Map<String, Value> =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{} is not a JSON object: {error}", path.display()));
    table
        .into_iter()
        .map(|(name, row)| {
            let entry = Entry {
                workerd: row.get("workerd").cloned().unwrap_or_else(|| panic!("{name}: no `workerd` outcome")),
                sandbox: row.get("sandbox").cloned(),
                no_bundle: row.get("no_bundle").cloned(),
                reason: row.get("reason").map(|reason| reason.as_str().expect("a reason is a string").to_owned()),
            };
            (name, entry)
        })
        .collect()
}

fn write_table(table: &BTreeMap<String, Entry>) {
    let rows: Map<String, Value> = table
        .iter()
        .map(|(name, entry)| {
            let mut row = Map::new();
            row.insert("workerd".to_owned(), entry.workerd.clone());
            if let Some(sandbox) = &entry.sandbox {
                row.insert("sandbox".to_owned(), sandbox.clone());
            }
            if let Some(no_bundle) = &entry.no_bundle {
                row.insert("no_bundle".to_owned(), no_bundle.clone());
            }
            if let Some(reason) = &entry.reason {
                row.insert("reason".to_owned(), json!(reason));
            }
            (name.clone(), Value::Object(row))
        })
        .collect();
    let text = serde_json::to_string_pretty(&Value::Object(rows)).expect("JSON serializes") + "\n";
    std::fs::write(table_path(), text).unwrap_or_else(|error| panic!("write {}: {error}", table_path().display()));
}

/// Where a package's snippet is in the project.
fn snippet_file(package: &Package) -> String {
    format!("src/{}.js", package.name)
}

/// A project with every package of the suite installed, and the registry it came from.
struct Project {
    context: TestContext,
    _registry: TestRegistry,
}

/// The project, shared by the tests that run at the same time: one install, and one copy on
/// disk (the packages unpack to about 120 MB), removed when the last of them is done.
fn project() -> Arc<Project> {
    static SHARED: Mutex<Weak<Project>> = Mutex::new(Weak::new());
    let mut shared = SHARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(project) = shared.upgrade() {
        return project;
    }
    let (registry, context) = install_project();
    let project = Arc::new(Project { context, _registry: registry });
    *shared = Arc::downgrade(&project);
    project
}

/// A project with every package of the suite installed by one `sandbox install`, and each
/// snippet in `src/`. The registry must outlive the project's installs.
fn install_project() -> (TestRegistry, TestContext) {
    let registry = TestRegistry::start();
    let vendored = repository_root().join("tests/fixtures/npm");
    let mut tarballs: Vec<PathBuf> = std::fs::read_dir(&vendored)
        .expect("read tests/fixtures/npm")
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "tgz"))
        .collect();
    tarballs.sort();
    for tarball in &tarballs {
        registry.publish_file(tarball);
    }
    let context = TestContext::new();
    let dependencies: Map<String, Value> =
        PACKAGES.iter().map(|package| (package.name.to_owned(), json!(package.version))).collect();
    let manifest =
        json!({ "name": "compat-packages", "private": true, "type": "module", "dependencies": dependencies });
    context.write("package.json", manifest.to_string());
    context.write(".npmrc", format!("registry={}\n", registry.url()));
    for package in PACKAGES {
        context.write(&snippet_file(package), package.snippet);
    }
    let installed = output(&mut context.install(&[]), None);
    assert!(installed.status.success(), "sandbox install: {}", String::from_utf8_lossy(&installed.stderr));
    (registry, context)
}

/// `work` for every package, on a few threads; the results in the order of `PACKAGES`.
fn each_package<T: Send>(work: impl Fn(&Package) -> T + Sync) -> Vec<T> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new(PACKAGES.iter().map(|_| None).collect());
    let threads = std::thread::available_parallelism().map_or(2, |count| count.get()).clamp(1, 4);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(package) = PACKAGES.get(index) else { break };
                    let result = work(package);
                    results.lock().expect("not poisoned")[index] = Some(result);
                }
            });
        }
    });
    results.into_inner().expect("not poisoned").into_iter().map(|result| result.expect("every package ran")).collect()
}

/// What `sandbox run SNIPPET --json` gives: `{ok: true, result}` or `{ok: false, error}`
/// (`Name: message`, as workerd's `String(error)` reads).
fn run_in_sandbox(context: &TestContext, package: &Package, flags: &[&str]) -> Value {
    let file = snippet_file(package);
    // Limits are no part of the comparison: a loaded CI machine bundling mathjs in a debug
    // build must not hit the default 30 seconds.
    let mut args = vec![file.as_str(), "--json", "--timeout", "300s"];
    args.extend_from_slice(flags);
    let ran = output(&mut context.run(&args), None);
    let Ok(envelope) = serde_json::from_slice::<Value>(&ran.stdout) else {
        // A crash is an outcome too, recorded and compared like any other.
        let stderr = String::from_utf8_lossy(&ran.stderr);
        let code = ran.status.code().map_or_else(|| "a signal".to_owned(), |code| code.to_string());
        let error = format!("sandbox printed no JSON (exit {code}): {}", stderr.lines().next().unwrap_or_default());
        return json!({ "ok": false, "error": error });
    };
    if envelope["ok"] == true {
        return json!({ "ok": true, "result": envelope["result"] });
    }
    let error = &envelope["error"];
    let message = error["message"].as_str().unwrap_or_default();
    match error["name"].as_str() {
        Some(name) if !name.is_empty() => json!({ "ok": false, "error": format!("{name}: {message}") }),
        _ => json!({ "ok": false, "error": message }),
    }
}

/// The map `sandbox bundle SNIPPET` makes, run in workerd: Worker Loader calls methods, so
/// a caller module's `run` calls the snippet's default export. The caller returns the value
/// through JSON, as `sandbox run` prints it: workerd's RPC refuses objects without
/// `Object.prototype` (cookie, smol-toml and path-to-regexp return them), and the suite
/// compares the packages, not the RPC layer. The map leaves Node.js modules to workerd's own
/// (`sandbox bundle` does with Node.js compatibility, on by default). A snippet `sandbox
/// bundle` refuses gives `{ok: false, error}` with its message.
fn run_in_workerd(workerd: &Workerd, context: &TestContext, package: &Package) -> Value {
    let bundled = output(&mut context.bundle(&[&snippet_file(package)]), None);
    if !bundled.status.success() {
        let stderr = String::from_utf8_lossy(&bundled.stderr);
        let first = stderr.lines().next().unwrap_or_default();
        return json!({ "ok": false, "error": format!("`sandbox bundle` failed: {first}") });
    }
    let mut map: Value = serde_json::from_slice(&bundled.stdout).expect("sandbox bundle prints a JSON map");
    let main = map["mainModule"].as_str().expect("a main module").to_owned();
    let caller = format!(
        "import main from {};\nexport default {{ run: async () => JSON.parse(JSON.stringify((await main()) ?? null)) }};\n",
        json!(format!("./{main}"))
    );
    map["modules"]["compat-caller.js"] = Value::String(caller);
    map["mainModule"] = json!("compat-caller.js");
    // workerd's RPC takes exactly one argument for a method of a default-exported object.
    let mut answer = workerd.call(&map.to_string(), "run", &[json!({})]);
    if answer["ok"] == true
        && let Some(object) = answer.as_object_mut()
    {
        object.entry("result").or_insert(Value::Null);
    }
    answer
}

/// What is wrong with one outcome of a package: `now`, what sandbox gives, against
/// `expected` (what it must give) and `recorded`, the table's record of a difference from
/// `reference`, which must still be one. `field` names the record.
fn check_outcome(field: &str, reference: &Value, recorded: Option<&Value>, now: &Value) -> Option<String> {
    let expected = recorded.unwrap_or(reference);
    if recorded.is_some() && now == reference {
        return Some(format!("`{field}` is no difference any more (sandbox gives {now}); remove it from the table"));
    }
    let mut found = Vec::new();
    differences(expected, now, "", &mut found);
    (!found.is_empty()).then(|| format!("`{field}`: another outcome than the table's:\n  {}", found.join("\n  ")))
}

/// What is wrong with a package's row, given what `sandbox run` gives now, bundled and with
/// `--no-bundle`.
fn check_row(entry: &Entry, bundled: &Value, unbundled: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    problems.extend(check_outcome("sandbox", &entry.workerd, entry.sandbox.as_ref(), bundled));
    problems.extend(check_outcome("no_bundle", entry.sandbox(), entry.no_bundle.as_ref(), unbundled));
    let needs_reason = entry.sandbox.is_some() || entry.no_bundle.is_some() || entry.workerd["ok"] != true;
    let has_reason = entry.reason.as_ref().is_some_and(|reason| !reason.trim().is_empty());
    if needs_reason && !has_reason {
        problems.push("write the `reason` it differs or fails into the table".to_owned());
    }
    if !needs_reason && entry.reason.is_some() {
        problems.push("works in both alike; remove its `reason` from the table".to_owned());
    }
    problems
}

/// Every package's snippet gives, in `sandbox run` (bundled, and with `--no-bundle`),
/// workerd's outcome or exactly the known difference the table records (`UPDATE_EXPECTED=1`
/// records sandbox's outcomes instead).
#[test]
#[allow(clippy::print_stderr, reason = "the test prints each package's verdict")]
fn packages_give_workerd_outcomes_in_sandbox() {
    let project = project();
    let context = &project.context;
    let outcomes = each_package(|package| {
        (run_in_sandbox(context, package, &[]), run_in_sandbox(context, package, &["--no-bundle"]))
    });
    let _turn = TABLE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut table = read_table();
    let mut failures = Vec::new();
    for (package, (bundled, unbundled)) in PACKAGES.iter().zip(outcomes) {
        let Some(entry) = table.get_mut(package.name) else {
            failures.push(format!(
                "{}: not in {} (run the workerd test with `UPDATE_EXPECTED=1`)",
                package.name,
                table_path().display()
            ));
            continue;
        };
        if updating() {
            entry.sandbox = (bundled != entry.workerd).then(|| bundled.clone());
            entry.no_bundle = (unbundled != *entry.sandbox()).then(|| unbundled.clone());
        }
        let problems = check_row(entry, &bundled, &unbundled);
        if problems.is_empty() {
            let known = entry.sandbox.is_some() || entry.no_bundle.is_some();
            eprintln!("compat: {}: {}", package.name, if known { "known difference" } else { "as workerd" });
        } else {
            eprintln!("compat: {}: FAILS", package.name);
            failures.push(format!("{}: {}", package.name, problems.join("\n  ")));
        }
    }
    let extra: Vec<&String> =
        table.keys().filter(|name| !PACKAGES.iter().any(|package| package.name == name.as_str())).collect();
    if !extra.is_empty() {
        failures.push(format!("the table has rows for packages not in the suite: {extra:?}"));
    }
    if updating() {
        write_table(&table);
    }
    assert!(failures.is_empty(), "{} of {} packages:\n{}", failures.len(), PACKAGES.len(), failures.join("\n"));
}

/// workerd, run now on the maps `sandbox bundle` makes of the snippets, gives the table's
/// `workerd` outcomes (`UPDATE_EXPECTED=1` rewrites them instead).
#[test]
#[cfg_attr(not(workerd), ignore = "workerd is not installed: npm ci --prefix tests/workerd")]
#[allow(clippy::print_stderr, reason = "the test prints what it rewrote")]
fn workerd_gives_the_recorded_outcomes() {
    let project = project();
    let context = &project.context;
    let workerd = Workerd::start();
    let outcomes = each_package(|package| run_in_workerd(&workerd, context, package));
    let _turn = TABLE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut table = read_table();
    let mut failures = Vec::new();
    for (package, now) in PACKAGES.iter().zip(outcomes) {
        if updating() {
            let entry = table.entry(package.name.to_owned()).or_default();
            if entry.workerd != now {
                eprintln!("compat: {}: rewrote workerd's outcome", package.name);
                entry.workerd = now;
            }
            continue;
        }
        let Some(entry) = table.get(package.name) else {
            failures.push(format!("{}: not in the table (make it with `UPDATE_EXPECTED=1`)", package.name));
            continue;
        };
        let mut found = Vec::new();
        differences(&entry.workerd, &now, "", &mut found);
        if !found.is_empty() {
            failures.push(format!("{}, workerd gives now:\n  {}", package.name, found.join("\n  ")));
        }
    }
    if updating() {
        table.retain(|name, _| PACKAGES.iter().any(|package| package.name == name.as_str()));
        write_table(&table);
    }
    assert!(failures.is_empty(), "workerd's outcomes differ from the table's:\n{}", failures.join("\n"));
}

/// README.md's "Package compatibility" section reports the table: how many packages work
/// (return a value) in each runtime, and every package that works in neither, or only in
/// workerd, with its reason.
#[test]
fn readme_reports_the_table() {
    let table = read_table();
    let readme = std::fs::read_to_string(repository_root().join("README.md")).expect("read README.md");
    let total = PACKAGES.len();
    let row =
        |package: &Package| table.get(package.name).unwrap_or_else(|| panic!("{}: not in the table", package.name));
    let works = |outcome: &Value| outcome["ok"] == true;
    let in_sandbox = PACKAGES.iter().filter(|package| works(row(package).sandbox())).count();
    let unbundled = PACKAGES.iter().filter(|package| works(row(package).no_bundle())).count();
    let in_workerd = PACKAGES.iter().filter(|package| works(&row(package).workerd)).count();
    let counts = format!(
        "**{in_sandbox} of {total}** work in `sandbox` (**{unbundled}** with `--no-bundle`), **{in_workerd} of {total}** in workerd"
    );
    assert!(readme.contains(&counts), "README.md should say: {counts}");
    let in_neither = PACKAGES.iter().filter(|package| !works(row(package).sandbox()) && !works(&row(package).workerd));
    let none = "Packages that work in neither: none";
    assert_eq!(readme.contains(none), in_neither.count() == 0, "README.md should say `{none}` exactly when it is so");
    for package in PACKAGES {
        let entry = row(package);
        if works(entry.sandbox()) {
            continue;
        }
        let line = format!("- `{}`: ", package.name);
        assert!(
            readme.contains(&line),
            "README.md should list `{}` ({}) as not working in sandbox",
            package.name,
            entry.reason.as_deref().unwrap_or_default()
        );
    }
}
