// compatibilityDate: 2026-11-17
// node:fs: the in-memory file system laid out as workerd's (/bundle read-only, /tmp writable, /dev),
// and nothing of the host's.
import fs from "node:fs";
import fsp from "node:fs/promises";
export default { async run() {
  const out = {};
  const t = (k, f) => { try { out[k] = f(); } catch (e) { out[k] = ["throws", e.name, e.code, e.message, e.errno, e.syscall, e.path]; } };
  t("keys", () => Object.keys(fs).sort());
  t("pkeys", () => Object.keys(fsp).sort());
  t("root", () => fs.readdirSync("/"));
  t("bundle", () => fs.readdirSync("/bundle").length > 0 && fs.statSync("/bundle").isDirectory());
  t("tmp", () => fs.readdirSync("/tmp"));
  t("dev", () => fs.readdirSync("/dev"));
  t("write", () => { fs.writeFileSync("/tmp/a.txt", "hello"); return fs.readFileSync("/tmp/a.txt", "utf8"); });
  t("append", () => { fs.appendFileSync("/tmp/a.txt", " world"); return fs.readFileSync("/tmp/a.txt").toString(); });
  t("stat", () => { const s = fs.statSync("/tmp/a.txt"); return [s.size, s.isFile(), s.isDirectory(), s.mode, typeof s.mtimeMs, s.nlink, s.uid, s.blksize, s.constructor.name]; });
  t("statdir", () => { const s = fs.statSync("/tmp"); return [s.size, s.isFile(), s.isDirectory(), s.mode]; });
  t("enoent", () => fs.readFileSync("/tmp/nope"));
  t("eisdir", () => fs.readFileSync("/tmp"));
  t("bundleWrite", () => fs.writeFileSync("/bundle/x", "x"));
  t("rootWrite", () => fs.writeFileSync("/x", "x"));
  t("mkdir", () => { fs.mkdirSync("/tmp/d/e/f", { recursive: true }); return fs.readdirSync("/tmp/d", { withFileTypes: true }).map(d => [d.name, d.isDirectory(), d.parentPath ?? d.path]); });
  t("mkdirExists", () => fs.mkdirSync("/tmp/d"));
  t("rmNonEmpty", () => fs.rmdirSync("/tmp/d"));
  t("rm", () => { fs.rmSync("/tmp/d", { recursive: true }); return fs.existsSync("/tmp/d"); });
  t("rename", () => { fs.renameSync("/tmp/a.txt", "/tmp/b.txt"); return fs.readdirSync("/tmp"); });
  t("copy", () => { fs.copyFileSync("/tmp/b.txt", "/tmp/c.txt"); return fs.readFileSync("/tmp/c.txt", "latin1"); });
  t("unlink", () => { fs.unlinkSync("/tmp/c.txt"); return fs.existsSync("/tmp/c.txt"); });
  t("fd", () => { const fd = fs.openSync("/tmp/b.txt", "r"); const buf = Buffer.alloc(5); const n = fs.readSync(fd, buf, 0, 5, 0); fs.closeSync(fd); return [typeof fd, n, buf.toString()]; });
  t("devnull", () => fs.readFileSync("/dev/null").length);
  t("realpath", () => fs.realpathSync("/tmp/../tmp/./b.txt"));
  t("mkdtemp", () => [fs.mkdtempSync("/tmp/x-"), fs.mkdtempSync("/tmp/y-")]);
  t("mkdtempTaken", () => { fs.mkdirSync("/tmp/z-2"); try { return fs.mkdtempSync("/tmp/z-"); } catch (e) { return e.code; } });
  t("access", () => fs.accessSync("/tmp/b.txt", fs.constants.W_OK));
  t("accessBundle", () => fs.accessSync("/bundle", fs.constants.W_OK));
  t("watch", () => fs.watch("/tmp"));
  t("relative", () => fs.readFileSync("b.txt"));
  t("badarg", () => fs.readFileSync(1234));
  out.p = await fsp.readFile("/tmp/b.txt", "utf8");
  out.cb = await new Promise(r => fs.readFile("/tmp/b.txt", "utf8", (e, d) => r([e, d])));
  out.cbErr = await new Promise(r => fs.readFile("/tmp/zz", (e, d) => r([e && e.code, d])));
  out.etc = fs.existsSync("/etc/passwd");
  return JSON.parse(JSON.stringify(out));
} };
