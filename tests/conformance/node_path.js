// compatibilityDate: 2026-11-17
// node:path (POSIX and Windows) and path/posix, as workerd's nodejs_compat has them.
import path from "node:path";
import { posix, win32 } from "path";
import posixModule from "node:path/posix";

export default {
  run() {
    const errors = [];
    for (const call of [() => path.join("a", 1), () => path.basename(null), () => path.format(null)]) {
      try {
        call();
      } catch (error) {
        errors.push([error.name, error.code, error.message]);
      }
    }
    // Plain data (null-prototype objects do not cross workerd's RPC).
    return JSON.parse(JSON.stringify({
      join: [path.join("/a/b", "../c", "./d.txt"), path.join(), path.join("", ""), path.join("a/", "/b/")],
      relative: [path.relative("/data/orandea/test/aaa", "/data/orandea/impl/bbb"), path.relative("/a", "/a"), path.relative("a/b", "a")],
      resolve: [path.resolve("x/y", "../z"), path.resolve("/foo/bar", "./baz"), path.resolve("/foo/bar", "/tmp/file/"), path.resolve()],
      parse: [path.parse("/home/user/dir/file.txt"), path.parse("./a.b.c"), path.parse(""), path.parse("/")],
      format: [path.format({ root: "/ignored", dir: "/home/user/dir", base: "file.txt" }), path.format({ name: "file", ext: "txt" })],
      extname: [path.extname("index.coffee.md"), path.extname(".index"), path.extname("a."), path.extname("index")],
      basename: [path.basename("/foo/bar/quux.html", ".html"), path.basename("/foo/bar/"), path.basename("aaa/bbb", "bbb")],
      dirname: [path.dirname("/a/b/"), path.dirname("a"), path.dirname("/"), path.dirname("//a")],
      normalize: [path.normalize("/foo/bar//baz/asdf/quux/.."), path.normalize("./"), path.normalize("a/../../b/")],
      isAbsolute: [path.isAbsolute("/a"), path.isAbsolute("a"), path.isAbsolute("")],
      constants: [path.sep, path.delimiter, win32.sep, win32.delimiter],
      identities: [path.posix === path, posix === path.posix, posixModule === path, path.win32 === win32, win32.posix === path],
      win32: {
        join: win32.join("C:\\a", "..\\b", "c"),
        parse: win32.parse("C:\\path\\dir\\file.txt"),
        normalize: win32.normalize("C:////temp\\\\/\\/\\/foo/bar"),
        relative: win32.relative("C:\\orandea\\test\\aaa", "C:\\orandea\\impl\\bbb"),
        resolve: win32.resolve("C:\\foo", "bar", "..\\baz"),
        isAbsolute: [win32.isAbsolute("C:\\a"), win32.isAbsolute("C:a"), win32.isAbsolute("\\\\server\\share"), win32.isAbsolute("a")],
        basename: [win32.basename("C:\\temp\\myfile.html"), win32.basename("C:\\temp\\myfile.html", ".html")],
        dirname: [win32.dirname("C:\\a\\b"), win32.dirname("\\\\server\\share\\x")],
      },
      errors,
    }));
  },
};
