import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDiagnostic } from "../src/load/diagnostic.js";
import { parseGoMod, parseGoWork, splitPathVersion, unquoteGoString } from "../src/load/gomod.js";
import {
  compareGoVersions,
  goLanguageVersion,
  goMinorVersion,
  isValidGoVersion,
} from "../src/load/goversion.js";
import { canonicalModuleVersion, compareSemver, isValidSemver } from "../src/load/semver.js";

const errs = (src: string, lax = false) => parseGoMod("go.mod", src, { lax }).errors.map(formatDiagnostic);

describe("go.mod", () => {
  it("reads every directive, in single-line and block form", () => {
    const src = `// Deprecated: use example.com/new instead.
module example.com/m

go 1.21.0

toolchain go1.22.3

godebug default=go1.21

godebug (
\tpanicnil=1
\thttp2client=0
)

require golang.org/x/text v0.14.0

require (
\tgithub.com/BurntSushi/toml v1.3.2 // indirect
\t"example.com/quoted" v1.0.0
\tgopkg.in/yaml.v3 v3.0.1
\texample.com/v2 v2.1.0
\texample.com/old v3.0.0+incompatible
)

exclude example.com/bad v1.2.3

replace example.com/fork => ../fork

replace (
\texample.com/a v1.0.0 => example.com/b v1.1.0
\texample.com/c => ./c // local copy
)

// Published by mistake.
retract v1.0.1

retract [v1.1.0, v1.2.0]

tool golang.org/x/tools/cmd/stringer

ignore ./node_modules
`;
    const m = parseGoMod("go.mod", src);
    assert.deepEqual(m.errors, []);
    assert.equal(m.module?.path, "example.com/m");
    assert.equal(m.module?.deprecated, "use example.com/new instead.");
    assert.deepEqual([m.module?.line, m.module?.column], [2, 1]);
    assert.equal(m.go?.version, "1.21.0");
    assert.equal(m.go?.line, 4);
    assert.equal(m.toolchain?.name, "go1.22.3");
    assert.deepEqual(
      m.godebug.map((g) => [g.key, g.value, g.line]),
      [
        ["default", "go1.21", 8],
        ["panicnil", "1", 11],
        ["http2client", "0", 12],
      ],
    );
    assert.deepEqual(
      m.require.map((r) => [r.path, r.version, r.indirect, r.line, r.column]),
      [
        ["golang.org/x/text", "v0.14.0", false, 15, 1],
        ["github.com/BurntSushi/toml", "v1.3.2", true, 18, 2],
        ["example.com/quoted", "v1.0.0", false, 19, 2],
        ["gopkg.in/yaml.v3", "v3.0.1", false, 20, 2],
        ["example.com/v2", "v2.1.0", false, 21, 2],
        ["example.com/old", "v3.0.0+incompatible", false, 22, 2],
      ],
    );
    assert.deepEqual(
      m.exclude.map((e) => [e.path, e.version]),
      [["example.com/bad", "v1.2.3"]],
    );
    assert.deepEqual(
      m.replace.map((r) => [r.oldPath, r.oldVersion, r.newPath, r.newVersion, r.isLocal, r.line, r.column]),
      [
        ["example.com/fork", null, "../fork", null, true, 27, 1],
        ["example.com/a", "v1.0.0", "example.com/b", "v1.1.0", false, 30, 2],
        ["example.com/c", null, "./c", null, true, 31, 2],
      ],
    );
    const r0 = m.replace[0]!;
    assert.deepEqual([r0.endLine, r0.endColumn], [27, 36]);
    assert.deepEqual(
      m.retract.map((r) => [r.low, r.high, r.rationale]),
      [
        ["v1.0.1", "v1.0.1", "Published by mistake."],
        ["v1.1.0", "v1.2.0", ""],
      ],
    );
    assert.deepEqual(
      m.tool.map((t) => t.path),
      ["golang.org/x/tools/cmd/stringer"],
    );
    assert.deepEqual(
      m.ignore.map((t) => t.path),
      ["./node_modules"],
    );
  });

  it("accepts every valid form of the go directive", () => {
    for (const v of ["1.19", "1.21.0", "1.22rc1", "1.25.0", "1.0", "2.0"]) {
      const m = parseGoMod("go.mod", `module m\ngo ${v}\n`);
      assert.deepEqual(m.errors, [], v);
      assert.equal(m.go?.version, v);
    }
    for (const v of ["1.21.0rc1", "v1.21", "1", "01.2", "1.02", "1.21-pre", "go1.21"]) {
      assert.deepEqual(
        errs(`module m\ngo ${v}\n`),
        [`go.mod:2:1: invalid go version '${v}': must match format 1.23`],
        v,
      );
    }
  });

  it("salvages malformed go versions in lax mode, as for dependencies", () => {
    const m = parseGoMod("go.mod", "module m\ngo 1.19.0-custom\nreplace a => ./a\nfoo bar\n", { lax: true });
    assert.deepEqual(m.errors, []);
    assert.equal(m.go?.version, "1.19");
    assert.deepEqual(m.replace, []);
  });

  it("handles CRLF line endings, comments everywhere and empty blocks", () => {
    const src =
      "module m // the module\r\n\r\nrequire ( // deps\r\n  // a comment\r\n\r\n  a.b/c v1.0.0 // indirect\r\n)\r\nexclude ()\r\n";
    const m = parseGoMod("go.mod", src);
    assert.deepEqual(m.errors, []);
    assert.equal(m.module?.path, "m");
    assert.deepEqual(
      m.require.map((r) => [r.path, r.version, r.indirect, r.line]),
      [["a.b/c", "v1.0.0", true, 6]],
    );
  });

  it("reports errors as file:line:col and keeps going", () => {
    const src = `module m
go 1.21 extra
require a.b/c
require a.b/c master
require a.b/c/v2 v1.0.0
require a.b/d v2.0.0
replace a.b/c => other.org/c
replace a.b/c => ./c v1.0.0
frob x
require x.y/z v1.0.0 /* no */
require "x.y/unterminated v1.0.0
require x.y/ok v1.2
`;
    const m = parseGoMod("go.mod", src);
    assert.deepEqual(m.errors.map(formatDiagnostic), [
      "go.mod:10:22: mod files must use // comments (not /* */ comments)",
      "go.mod:11:33: unexpected newline in string",
      "go.mod:2:1: go directive expects exactly one argument",
      "go.mod:3:1: usage: require module/path v1.2.3",
      'go.mod:4:1: require a.b/c: version "master" invalid: must be of the form v1.2.3',
      'go.mod:5:1: require a.b/c/v2: version "v1.0.0" invalid: should be v2, not v1',
      'go.mod:6:1: require a.b/d: version "v2.0.0" invalid: should be v0 or v1, not v2',
      "go.mod:7:1: replacement module without version must be directory path (rooted or starting with ./ or ../)",
      'go.mod:8:1: replacement module directory path "./c" cannot have version',
      "go.mod:9:1: unknown directive: frob",
    ]);
    // The good lines survive, with canonical versions.
    assert.deepEqual(
      m.require.map((r) => `${r.path}@${r.version}`),
      ["x.y/ok@v1.2.0"],
    );
  });

  it("reports unterminated blocks, bad blocks, repeated and malformed directives", () => {
    assert.deepEqual(errs("module m\nrequire (\n a.b/c v1.0.0\n"), [
      "go.mod:4:1: syntax error (unterminated block started at go.mod:2:1)",
    ]);
    assert.deepEqual(errs("module m\nrequire (\n) x\n"), [
      "go.mod:3:3: syntax error (expected newline after closing paren)",
    ]);
    assert.deepEqual(errs("module m\ngo (\n 1.20\n)\nmodule n\ngo 1.20\ngo 1.21\n"), [
      "go.mod:2:1: unknown block type: go",
      "go.mod:5:1: repeated module statement",
      "go.mod:7:1: repeated go statement",
    ]);
    assert.deepEqual(errs("module\ntoolchain 1.21\ngodebug x\nmodule 'q'\n"), [
      "go.mod:1:1: usage: module module/path",
      "go.mod:2:1: invalid toolchain version '1.21': must match format go1.23 or local",
      "go.mod:3:1: usage: godebug key=value",
      "go.mod:4:1: invalid quoted string: unquoted string cannot contain quote",
    ]);
    assert.deepEqual(errs("retract [v1.0.0 v1.1.0]\nretract v1.0.0 v1.0.1\nretract\n"), [
      "go.mod:1:1: expected ',' after version",
      'go.mod:2:1: unexpected token after version: "v1.0.1"',
      "go.mod:3:1: expected '[' or version",
    ]);
    assert.deepEqual(errs('module "bad\\q"\n'), ["go.mod:1:1: invalid quoted string: invalid syntax"]);
    assert.deepEqual(errs("module m\n\x01\n"), ["go.mod:2:1: unexpected input character '\\x01'"]);
  });

  it("never throws on arbitrary bytes", () => {
    let seed = 1;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = [
      "module",
      "require",
      "(",
      ")",
      "\n",
      " ",
      "//",
      "/*",
      '"',
      "`",
      "=>",
      "v1.0.0",
      "a.b/c",
      "[",
      ",",
      "]",
      "\t",
      "\r",
      "é",
      "\\",
    ];
    for (let n = 0; n < 2000; n++) {
      let s = "";
      const len = rand() % 40;
      for (let k = 0; k < len; k++) s += alphabet[rand() % alphabet.length];
      const m = parseGoMod("go.mod", s);
      for (const e of m.errors) assert.match(formatDiagnostic(e), /^go\.mod:\d+:\d+: /);
      parseGoWork("go.work", s);
    }
    const bytes = new Uint8Array(256);
    for (let k = 0; k < 256; k++) bytes[k] = k;
    parseGoMod("go.mod", bytes);
  });

  it("counts columns in bytes", () => {
    const m = parseGoMod("go.mod", "module m\nrequire é.com/x\n");
    assert.deepEqual(m.errors.map(formatDiagnostic), ["go.mod:2:1: usage: require module/path v1.2.3"]);
    const w = parseGoMod("go.mod", "module m // é\nrequire (\n\té.com/x v1.0.0\n)\n");
    assert.deepEqual(
      w.require.map((r) => [r.line, r.column, r.endColumn]),
      [[3, 2, 17]],
    );
  });
});

describe("go.work", () => {
  it("reads go, toolchain, use and replace", () => {
    const src = `go 1.22.1
toolchain go1.23.0

use ./a
use (
\t./b
\t"../with space"
)

replace example.com/x v1.0.0 => ./x
godebug asynctimerchan=1
`;
    const w = parseGoWork("go.work", src);
    assert.deepEqual(w.errors, []);
    assert.equal(w.go?.version, "1.22.1");
    assert.equal(w.toolchain?.name, "go1.23.0");
    assert.deepEqual(
      w.use.map((u) => [u.path, u.line, u.column]),
      [
        ["./a", 4, 1],
        ["./b", 6, 2],
        ["../with space", 7, 2],
      ],
    );
    assert.deepEqual(
      w.replace.map((r) => [r.oldPath, r.oldVersion, r.newPath, r.isLocal]),
      [["example.com/x", "v1.0.0", "./x", true]],
    );
    assert.deepEqual(w.godebug.length, 1);
  });

  it("rejects what go.work does not allow", () => {
    const w = parseGoWork("go.work", "go 1.22\nmodule m\nuse a b\nrequire (\n)\n");
    assert.deepEqual(w.errors.map(formatDiagnostic), [
      "go.work:2:1: unknown directive: module",
      "go.work:3:1: usage: use local/dir",
      "go.work:4:1: unknown block type: require",
    ]);
  });
});

describe("Go versions", () => {
  it("orders like go/version", () => {
    const ordered = [
      "1.18",
      "1.19",
      "1.20rc1",
      "1.20",
      "1.20.1",
      "1.21",
      "1.21rc1",
      "1.21rc2",
      "1.21.0",
      "1.21.1",
      "1.22beta1",
      "1.22rc1",
      "1.22.0",
      "1.100",
    ];
    for (let i = 0; i < ordered.length; i++) {
      for (let j = 0; j < ordered.length; j++) {
        const want = Math.sign(i - j);
        // "1.20" and "1.20.0" are one release; the list holds only one of them.
        assert.equal(compareGoVersions(ordered[i]!, ordered[j]!), want, `${ordered[i]} vs ${ordered[j]}`);
      }
    }
    assert.equal(compareGoVersions("1.19", "1.19.0"), 0);
    assert.equal(compareGoVersions("go1.21", "1.21"), 0);
    assert.equal(compareGoVersions("1.21", "1.21.0"), -1);
    assert.equal(compareGoVersions("bad", "1.0"), -1);
    assert.equal(compareGoVersions("bad", "worse"), 0);
  });

  it("gives language versions", () => {
    assert.equal(goLanguageVersion("1.21.3"), "go1.21");
    assert.equal(goLanguageVersion("go1.22rc1"), "go1.22");
    assert.equal(goLanguageVersion("1"), "go1");
    assert.equal(goLanguageVersion("1.0"), "go1");
    assert.equal(goLanguageVersion("x"), "");
    assert.equal(goMinorVersion("1.25.0"), 25);
    assert.equal(goMinorVersion("2.1"), -1);
    assert.equal(isValidGoVersion("1.21.0rc1"), false);
  });
});

describe("module versions and paths", () => {
  it("validates and canonicalizes semantic versions", () => {
    assert.equal(canonicalModuleVersion("v1.2"), "v1.2.0");
    assert.equal(canonicalModuleVersion("v2.0.0+incompatible"), "v2.0.0+incompatible");
    assert.equal(canonicalModuleVersion("v1.0.0+meta"), "v1.0.0");
    assert.equal(
      canonicalModuleVersion("v0.0.0-20220101000000-abcdef123456"),
      "v0.0.0-20220101000000-abcdef123456",
    );
    assert.equal(isValidSemver("v1.02.0"), false);
    assert.equal(isValidSemver("v1.0.0-01"), false);
    assert.equal(isValidSemver("1.0.0"), false);
    assert.equal(compareSemver("v1.0.0-rc.1", "v1.0.0"), -1);
    assert.equal(compareSemver("v1.0.0-alpha.2", "v1.0.0-alpha.10"), -1);
    assert.equal(compareSemver("v1.0.0-alpha.beta", "v1.0.0-alpha.1"), 1);
    assert.equal(compareSemver("v1.10.0", "v1.9.0"), 1);
  });

  it("splits major version suffixes", () => {
    assert.deepEqual(splitPathVersion("example.com/m/v2"), {
      prefix: "example.com/m",
      pathMajor: "/v2",
      ok: true,
    });
    assert.deepEqual(splitPathVersion("example.com/m"), { prefix: "example.com/m", pathMajor: "", ok: true });
    assert.equal(splitPathVersion("example.com/m/v1").ok, false);
    assert.equal(splitPathVersion("example.com/m/v0").ok, false);
    assert.deepEqual(splitPathVersion("gopkg.in/yaml.v3"), {
      prefix: "gopkg.in/yaml",
      pathMajor: ".v3",
      ok: true,
    });
    assert.equal(splitPathVersion("gopkg.in/yaml").ok, false);
  });

  it("unquotes Go strings", () => {
    assert.equal(unquoteGoString('"a\\tb"'), "a\tb");
    assert.equal(unquoteGoString('"\\xc3\\xa9"'), "é");
    assert.equal(unquoteGoString('"\\u00e9\\303\\251"'), "éé");
    assert.equal(unquoteGoString('"\\q"'), null);
    assert.equal(unquoteGoString('"a'), null);
  });
});
