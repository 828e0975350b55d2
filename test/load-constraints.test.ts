import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type BuildContext,
  constraintString,
  evalConstraint,
  isGoBuildLine,
  isPlusBuildLine,
  matchFile,
  matchFileName,
  matchHeader,
  matchTag,
  newBuildContext,
  parseConstraintExpr,
  parseConstraintLine,
  parsePlusBuildExpr,
  readFileHeader,
  releaseTagsFor,
  withGoVersion,
} from "../src/load/constraints.js";
import { formatDiagnostic } from "../src/load/diagnostic.js";

const noEnv = {};

/** A context in which exactly the given tags are set (plus nothing else that tests use). */
function tagsContext(tags: string[]): BuildContext {
  return {
    goos: "none",
    goarch: "none",
    cgoEnabled: false,
    compiler: "none",
    buildTags: tags,
    toolTags: [],
    releaseTags: [],
  };
}

describe("//go:build expressions", () => {
  it("parses with Go's precedence and prints canonically", () => {
    const cases: [string, string][] = [
      ["x", "x"],
      ["!x", "!x"],
      ["a && b || c", "(a && b) || c"],
      ["a || b && c", "a || (b && c)"],
      ["(a || b) && c", "(a || b) && c"],
      ["!(a && b)", "!(a && b)"],
      ["linux && (386 || amd64) && !cgo", "linux && (386 || amd64) && !cgo"],
      ["go1.21 && goexperiment.regabi", "go1.21 && goexperiment.regabi"],
      ["  étiquette_1  ", "étiquette_1"],
    ];
    for (const [src, want] of cases) {
      const r = parseConstraintExpr(src);
      assert.ok("expr" in r, src);
      assert.equal(constraintString(r.expr), want, src);
    }
  });

  it("reports syntax errors with their offset", () => {
    const cases: [string, string, number][] = [
      ["", "unexpected end of expression", 0],
      ["a &&", "unexpected end of expression", 4],
      ["a & b", "invalid syntax at &", 2],
      ["a | b", "invalid syntax at |", 2],
      ["!!a", "double negation not allowed", 1],
      ["(a", "missing close paren", 0],
      ["(a || b", "missing close paren", 0],
      ["a b", "unexpected token b", 2],
      ["a)", "unexpected token )", 1],
      ["a-b", "invalid syntax at -", 1],
      ["-a", "invalid syntax at -", 0],
      ["()", "unexpected token )", 1],
    ];
    for (const [src, msg, off] of cases) {
      const r = parseConstraintExpr(src);
      assert.ok("error" in r, src);
      assert.deepEqual([r.error.message, r.error.offset], [msg, off], src);
    }
  });

  it("refuses huge expressions instead of recursing", () => {
    const r = parseConstraintExpr(`${"(".repeat(100_000)}a${")".repeat(100_000)}`);
    assert.ok("error" in r);
    assert.equal(r.error.message, "build expression too large");
    const flat = parseConstraintExpr(Array.from({ length: 400 }, (_, i) => `t${i}`).join(" || "));
    assert.ok("expr" in flat);
  });

  it("evaluates every operand", () => {
    const r = parseConstraintExpr("a && (b || !c)");
    assert.ok("expr" in r);
    const seen: string[] = [];
    const v = evalConstraint(r.expr, (t) => {
      seen.push(t);
      return t === "b";
    });
    assert.equal(v, false);
    assert.deepEqual(seen, ["a", "b", "c"]);
  });

  it("recognizes constraint lines exactly", () => {
    assert.equal(isGoBuildLine("//go:build linux"), true);
    assert.equal(isGoBuildLine("//go:build"), true);
    assert.equal(isGoBuildLine("//go:buildlinux"), false);
    assert.equal(isGoBuildLine("// go:build linux"), false);
    assert.equal(isPlusBuildLine("// +build linux"), true);
    assert.equal(isPlusBuildLine("//+build linux"), true);
    assert.equal(isPlusBuildLine("// +buildlinux"), false);
    assert.equal(isPlusBuildLine("// +build"), true);
    assert.equal(parseConstraintLine("// hello"), null);
  });
});

describe("// +build lines", () => {
  it("combine OR of ANDs with negation", () => {
    const cases: [string, string][] = [
      ["linux darwin", "linux || darwin"],
      ["linux,386 darwin,!cgo", "(linux && 386) || (darwin && !cgo)"],
      ["!!a", "ignore"],
      ["!", "ignore"],
      ["a-b", "ignore"],
      ["", "ignore"],
    ];
    for (const [src, want] of cases) assert.equal(constraintString(parsePlusBuildExpr(src)), want, src);
  });
});

describe("file headers (go/build's shouldBuild cases)", () => {
  // go/build's test runs them all with the single build tag "yes".
  const cases: { name: string; content: string; build: boolean; binaryOnly?: boolean }[] = [
    { name: "Yes", content: "// +build yes\n\npackage main\n", build: true },
    { name: "Yes2", content: "//go:build yes\npackage main\n", build: true },
    { name: "Or", content: "// +build no yes\n\npackage main\n", build: true },
    { name: "And", content: "// +build no,yes\n\npackage main\n", build: false },
    { name: "And2", content: "//go:build no && yes\npackage main\n", build: false },
    {
      name: "Cgo",
      content:
        "// +build cgo\n\n// Copyright The Go Authors.\n\n// This package implements parsing of tags like\n// +build tag1\npackage build",
      build: false,
    },
    {
      name: "Cgo2",
      content:
        "//go:build cgo\n// Copyright The Go Authors.\n\n// This package implements parsing of tags like\n// +build tag1\npackage build",
      build: false,
    },
    {
      name: "AfterPackage",
      content:
        "// Copyright The Go Authors.\n\npackage build\n\n// shouldBuild checks tags given by lines of the form\n// +build tag\n//go:build tag\nfunc shouldBuild(content []byte)\n",
      build: true,
    },
    { name: "TooClose", content: "// +build yes\npackage main\n", build: true },
    { name: "TooClose2", content: "//go:build yes\npackage main\n", build: true },
    { name: "TooCloseNo", content: "// +build no\npackage main\n", build: true },
    { name: "TooCloseNo2", content: "//go:build no\npackage main\n", build: false },
    {
      name: "BinaryOnly",
      content: "//go:binary-only-package\n// +build yes\npackage main\n",
      build: true,
      binaryOnly: true,
    },
    { name: "ValidGoBuild", content: "// +build yes\n\n//go:build no\npackage main\n", build: false },
    {
      name: "MissingBuild2",
      content: "/* */\n// +build yes\n\n//go:build no\npackage main\n",
      build: false,
    },
    { name: "Comment1", content: "/*\n//go:build no\n*/\n\npackage main\n", build: true },
    { name: "Comment2", content: "/*\ntext\n*/\n\n//go:build no\npackage main\n", build: false },
    {
      name: "Comment3",
      content: "/*/*/ /* hi *//* \ntext\n*/\n\n//go:build no\npackage main\n",
      build: false,
    },
    { name: "Comment4", content: "/**///go:build no\npackage main\n", build: true },
    { name: "Comment5", content: "/**/\n//go:build no\npackage main\n", build: false },
    { name: "CRLF", content: "// +build no\r\n\r\npackage main\r\n", build: false },
    { name: "Indented", content: "\t  //go:build no  \npackage main\n", build: false },
    { name: "Empty", content: "", build: true },
    { name: "BOM", content: "\ufeff//go:build no\n\npackage main\n", build: false },
    { name: "BOMPlus", content: "\ufeff// +build no\n\npackage main\n", build: false },
    { name: "OnlyComments", content: "// +build no\n\n", build: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const h = readFileHeader(c.content);
      const r = matchHeader(tagsContext(["yes"]), h);
      assert.equal(r.error, null);
      assert.equal(r.match, c.build);
      assert.equal(h.binaryOnly, c.binaryOnly ?? false);
    });
  }

  it("reads bytes and strings alike, and reports the header's end", () => {
    const src = '// Copyright\n\n//go:build linux\n\npackage p\n\nimport "C"\n';
    const h = readFileHeader(new TextEncoder().encode(src));
    assert.deepEqual(h.goBuild, { text: "//go:build linux", line: 3, column: 1 });
    assert.equal(src.slice(h.end).startsWith("package p"), true);
    assert.deepEqual(readFileHeader(src), h);
  });

  it("reports malformed and repeated //go:build lines", () => {
    const ctx = tagsContext([]);
    const bad = matchFile(ctx, "dir/x.go", "x.go", "// Copyright\n\n  //go:build linux &&\npackage p\n");
    assert.equal(bad.match, false);
    assert.equal(
      bad.diagnostic && formatDiagnostic(bad.diagnostic),
      "dir/x.go:3:22: parsing //go:build line: unexpected end of expression",
    );
    const twice = matchFile(ctx, "x.go", "x.go", "//go:build a\n//go:build b\npackage p\n");
    assert.equal(
      twice.diagnostic && formatDiagnostic(twice.diagnostic),
      "x.go:2:1: multiple //go:build comments",
    );
  });
});

describe("file names", () => {
  const plan9 = newBuildContext({ goos: "plan9", goarch: "arm", env: noEnv });
  const android = newBuildContext({ goos: "android", goarch: "arm", env: noEnv });
  const cases: [BuildContext, string, string, boolean][] = [
    [plan9, "foo_arm.go", "", true],
    [plan9, "foo1_arm.go", "// +build linux\n\npackage main\n", false],
    [plan9, "foo_darwin.go", "", false],
    [plan9, "foo.go", "", true],
    [plan9, "foo1.go", "// +build linux\n\npackage main\n", false],
    [android, "foo_linux.go", "", true],
    [android, "foo_android.go", "", true],
    [android, "foo_plan9.go", "", false],
    [android, "android.go", "", true],
    [android, "plan9.go", "", true],
    [android, "plan9_test.go", "", true],
    [android, "x_plan9_test.go", "", false],
    [android, "x_android_arm_test.go", "", true],
    [android, "x_android_arm64.go", "", false],
    [android, "x_linux_arm.go", "", true],
    [android, "_x.go", "", false],
    [android, ".x.go", "", false],
    [android, "x_unix.go", "", true],
    [android, "x_wasip1.go", "", false],
    [android, "x_foo_arm.go", "", true],
    [android, "x_arm_foo.go", "", true],
  ];
  for (const [ctx, name, data, want] of cases) {
    it(`${ctx.goos}/${ctx.goarch} ${name}`, () => {
      assert.equal(matchFile(ctx, name, name, data).match, want);
    });
  }

  it("ignores everything after the first dot", () => {
    const ctx = newBuildContext({ goos: "linux", goarch: "amd64", env: noEnv });
    assert.equal(matchFileName(ctx, "x_windows.go.go"), false);
    assert.equal(matchFileName(ctx, "x.y_windows.go"), true);
  });
});

describe("build context", () => {
  it("defaults to linux/amd64 with cgo, gc, regabi and every release tag", () => {
    const ctx = newBuildContext({ env: noEnv });
    assert.equal(ctx.goos, "linux");
    assert.equal(ctx.goarch, "amd64");
    assert.equal(ctx.cgoEnabled, true);
    for (const t of ["linux", "amd64", "unix", "gc", "cgo", "go1.1", "go1.27", "amd64.v1"]) {
      assert.equal(matchTag(ctx, t), true, t);
    }
    assert.equal(matchTag(ctx, "goexperiment.regabiargs"), true);
    assert.equal(matchTag(ctx, "go1.28"), false);
    assert.equal(matchTag(ctx, "windows"), false);
    assert.equal(matchTag(ctx, "gccgo"), false);
    assert.equal(matchTag(ctx, "amd64.v2"), false);
  });

  it("takes options first, then the environment", () => {
    const env = { GOOS: "windows", GOARCH: "arm64", CGO_ENABLED: "0", GOEXPERIMENT: "noregabi,boringcrypto" };
    const fromEnv = newBuildContext({ env });
    assert.deepEqual([fromEnv.goos, fromEnv.goarch, fromEnv.cgoEnabled], ["windows", "arm64", false]);
    assert.equal(matchTag(fromEnv, "unix"), false);
    assert.equal(matchTag(fromEnv, "goexperiment.regabiargs"), false);
    assert.equal(matchTag(fromEnv, "boringcrypto"), true);
    const opt = newBuildContext({
      goos: "darwin",
      goarch: "arm64",
      cgoEnabled: true,
      buildTags: ["integration"],
      env,
    });
    assert.deepEqual([opt.goos, opt.goarch, opt.cgoEnabled], ["darwin", "arm64", true]);
    assert.equal(matchTag(opt, "integration"), true);
    assert.equal(matchTag(opt, "unix"), true);
    assert.equal(newBuildContext({ goos: "js", goarch: "wasm", env: noEnv }).cgoEnabled, false);
    assert.equal(newBuildContext({ goos: "ios", goarch: "arm64", env: noEnv }).goos, "ios");
    assert.equal(matchTag(newBuildContext({ goos: "ios", goarch: "arm64", env: noEnv }), "darwin"), true);
    assert.equal(matchTag(newBuildContext({ goos: "illumos", env: noEnv }), "solaris"), true);
    const v3 = newBuildContext({ env: { GOAMD64: "v3" } });
    assert.deepEqual(
      v3.toolTags.filter((t) => t.startsWith("amd64.")),
      ["amd64.v1", "amd64.v2", "amd64.v3"],
    );
  });

  it("sets release tags from the module's Go version", () => {
    assert.deepEqual(releaseTagsFor("1.3"), ["go1.1", "go1.2", "go1.3"]);
    assert.equal(releaseTagsFor("1.21.0").length, 21);
    assert.equal(releaseTagsFor("1.22rc1").at(-1), "go1.22");
    assert.equal(releaseTagsFor("junk").at(-1), "go1.27");
    const ctx = withGoVersion(newBuildContext({ env: noEnv }), "1.19");
    assert.equal(matchTag(ctx, "go1.19"), true);
    assert.equal(matchTag(ctx, "go1.20"), false);
    const f = matchFile(ctx, "x.go", "x.go", "//go:build go1.20\n\npackage p\n");
    assert.equal(f.match, false);
  });
});
