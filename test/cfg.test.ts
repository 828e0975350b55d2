// The control-flow graph (src/semantic/cfg.ts): blocks and edges of small functions covering
// every statement kind, asserted through the debug printer, and robustness on broken, deep and
// cyclic input.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { buildBodyCFG, buildCFG, type CFG, format, syntacticMayReturn } from "../src/semantic/cfg.js";
import type * as ast from "../src/syntax/ast.js";
import { parseFile } from "../src/syntax/parser.js";
import { inspect } from "../src/syntax/walk.js";

function funcs(src: string): Map<string, ast.FuncDecl> {
  const r = parseFile("x.go", src);
  assert.deepEqual(r.errors, []);
  const out = new Map<string, ast.FuncDecl>();
  for (const d of r.file.decls) if (d.kind === "FuncDecl") out.set(d.name.name, d);
  return out;
}

/** The printed graph of the only function of `package p` + `body`. */
function graph(body: string): string {
  const src = `package p\n\n${body.trim()}\n`;
  const fs = [...funcs(src).values()];
  assert.equal(fs.length, 1);
  return format(buildCFG(fs[0], syntacticMayReturn), src);
}

function lines(text: string): string {
  return `${text.trim()}\n`;
}

describe("cfg: statements", () => {
  test("if / else if / else, init statement, return in a branch", () => {
    const got = graph(`
func f(x int) int {
	if y := x * 2; y > 10 {
		x = 1
	} else if x < 0 {
		return -1
	} else {
		x = 2
	}
	return x
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2 4
  y := x * 2
  y > 10
.1: exit
.2: if.then -> 3
  x = 1
.3: if.done -> 1
  return x
.4: if.else -> 5 7
  x < 0
.5: if.then -> 1
  return -1
.6: if.done -> 3
.7: if.else -> 6
  x = 2
.8: unreachable [dead] -> 6
.9: unreachable [dead] -> 1
`),
    );
  });

  test("for with init, cond and post; break and continue", () => {
    const got = graph(`
func f() {
	for i := 0; i < 10; i++ {
		if i == 5 {
			continue
		}
		if i == 7 {
			break
		}
		h(i)
	}
	g()
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 4
  i := 0
.1: exit
.2: for.body -> 6 7
  i == 5
.3: for.done -> 1
  g()
.4: for.loop -> 2 3
  i < 10
.5: for.post -> 4
  i++
.6: if.then -> 5
.7: if.done -> 9 10
  i == 7
.8: unreachable [dead] -> 7
.9: if.then -> 3
.10: if.done -> 5
  h(i)
.11: unreachable [dead] -> 10
`),
    );
  });

  test("for without post continues at the condition; for without condition at the body", () => {
    const got = graph(`
func f(x int) {
	for x > 0 {
		if x == 3 {
			continue
		}
		x--
	}
	for {
		if x == 3 {
			continue
		}
		break
	}
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 4
.1: exit
.2: for.body -> 5 6
  x == 3
.3: for.done -> 8
.4: for.loop -> 2 3
  x > 0
.5: if.then -> 4
.6: if.done -> 4
  x--
.7: unreachable [dead] -> 6
.8: for.body -> 10 11
  x == 3
.9: for.done -> 1
.10: if.then -> 8
.11: if.done -> 9
.12: unreachable [dead] -> 11
.13: unreachable [dead] -> 8
`),
    );
  });

  test("an infinite loop never reaches the exit", () => {
    const got = graph(`
func f() {
	for {
		g()
	}
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2
.1: exit [dead]
.2: for.body -> 2
  g()
.3: for.done [dead] -> 1
`),
    );
  });

  test("range, and labeled break/continue out of nested loops", () => {
    const got = graph(`
func f(m [][]int) {
outer:
	for _, row := range m {
		for j := range row {
			if j == 1 {
				continue outer
			}
			if j == 2 {
				break outer
			}
		}
	}
	done()
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2
.1: exit
.2: label -> 3
  m
.3: range.loop -> 4 5
.4: range.body -> 6
  _
  row
  row
.5: range.done -> 1
  done()
.6: range.loop -> 7 8
.7: range.body -> 9 10
  j
  j == 1
.8: range.done -> 3
.9: if.then -> 3
.10: if.done -> 12 13
  j == 2
.11: unreachable [dead] -> 10
.12: if.then -> 5
.13: if.done -> 6
.14: unreachable [dead] -> 13
`),
    );
  });

  test("switch: case lists, default tested last, fallthrough into the next body in source order", () => {
    const got = graph(`
func f(x int) {
	switch x {
	case 1:
		a()
		fallthrough
	default:
		b()
	case 2, 3:
		c()
		break
	}
	d()
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 3 5
  x
  1
.1: exit
.2: switch.done -> 1
  d()
.3: switch.body -> 4
  a()
.4: switch.body -> 2
  b()
.5: switch.case -> 7 8
  2
.6: unreachable [dead] -> 2
.7: switch.body -> 2
  c()
.8: switch.case -> 7 9
  3
.9: switch.case -> 4
.10: unreachable [dead] -> 2
`),
    );
  });

  test("tagless and empty switch, block statement, function literal not entered", () => {
    const got = graph(`
func f(x int) int {
	switch {
	case x > 0:
		return 1
	}
	switch {
	}
	{
		x++
	}
	fn := func() { return }
	fn()
	return 0
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 3 4
  x > 0
.1: exit
.2: switch.done -> 6
.3: switch.body -> 1
  return 1
.4: switch.case -> 2
.5: unreachable [dead] -> 2
.6: switch.done -> 1
  x++
  fn := func() { return }
  fn()
  return 0
.7: unreachable [dead] -> 1
`),
    );
  });

  test("type switch: several types in one case, default in its own block, tested last", () => {
    const got = graph(`
func f(v any) {
	switch y := v.(type) {
	case int, string:
		a(y)
	default:
		b()
	case error:
		c()
	}
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 3 4
  y := v.(type)
.1: exit
.2: typeswitch.done -> 1
.3: typeswitch.body -> 2
  a(y)
.4: typeswitch.case -> 3 5
.5: typeswitch.case -> 6 7
.6: typeswitch.body -> 2
  c()
.7: typeswitch.case -> 8
.8: typeswitch.body -> 2
  b()
`),
    );
  });

  test("select with default; the communication heads its case body", () => {
    const got = graph(`
func f(c chan int, d chan int) {
	select {
	case x := <-c:
		a(x)
	case d <- 1:
		break
	default:
		b()
	}
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 3 4
.1: exit
.2: select.done -> 1
.3: select.body -> 2
  x := <-c
  a(x)
.4: select.case -> 5 6
.5: select.body -> 2
  d <- 1
.6: select.case -> 8
.7: unreachable [dead] -> 2
.8: select.body -> 2
  b()
`),
    );
  });

  test("select without default takes its last case unconditionally; select {} blocks forever", () => {
    const got = graph(`
func f(c chan int) {
	select {
	case <-c:
		a()
	}
	select {}
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 3
.1: exit [dead]
.2: select.done
.3: select.body -> 2
  <-c
  a()
.4: select.done [dead] -> 1
`),
    );
  });

  test("break in a select in a loop leaves the select; continue goes round the loop", () => {
    const got = graph(`
func f(c chan int) {
	for {
		select {
		case <-c:
			break
		default:
			continue
		}
		g()
	}
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2
.1: exit [dead]
.2: for.body -> 5 6
.3: for.done [dead] -> 1
.4: select.done -> 2
  g()
.5: select.body -> 4
  <-c
.6: select.case -> 8
.7: unreachable [dead] -> 4
.8: select.body -> 2
.9: unreachable [dead] -> 4
`),
    );
  });

  test("labeled break out of a select in a loop", () => {
    const got = graph(`
func f(c chan int) {
L:
	for {
		select {
		case <-c:
			break L
		}
	}
	g()
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2
.1: exit
.2: label -> 3
.3: for.body -> 6
.4: for.done -> 1
  g()
.5: select.done [dead] -> 3
.6: select.body -> 4
  <-c
.7: unreachable [dead] -> 5
`),
    );
  });

  test("goto backwards and forwards", () => {
    const got = graph(`
func f() {
	i := 0
loop:
	i++
	if i < 10 {
		goto loop
	}
	goto end
end:
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2
  i := 0
.1: exit
.2: label -> 3 4
  i++
  i < 10
.3: if.then -> 2
.4: if.done -> 6
.5: unreachable [dead] -> 4
.6: label -> 1
.7: unreachable [dead] -> 6
`),
    );
  });

  test("goto forwards out of a branch into a labeled statement", () => {
    const got = graph(`
func f(x int) {
	if x > 0 {
		goto out
	}
	x++
out:
	x--
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2 3
  x > 0
.1: exit
.2: if.then -> 4
.3: if.done -> 4
  x++
.4: label -> 1
  x--
.5: unreachable [dead] -> 3
`),
    );
  });

  test("defer in a loop, go statement, var and const declarations, panic", () => {
    const src = `package p

func f(fs []string) {
	for _, f := range fs {
		h := open(f)
		defer h.Close()
	}
	go work()
	var a, b = 1, 2
	const c = 3
	panic("x")
}
`;
    const cfg = buildCFG(funcs(src).get("f")!, syntacticMayReturn);
    assert.equal(
      format(cfg, src),
      lines(`
.0: entry -> 2
  fs
.1: exit [dead]
.2: range.loop -> 3 4
.3: range.body -> 2
  _
  f
  h := open(f)
  defer h.Close()
.4: range.done [noreturn]
  go work()
  a, b = 1, 2
  panic("x")
.5: unreachable [dead] -> 1
defer .3: h.Close()
`),
    );
    assert.equal(cfg.defers.length, 1);
    assert.equal(cfg.defers[0].block, cfg.blocks[3]);
    assert.equal(cfg.blocks[4].noReturn?.kind, "CallExpr");
  });

  test("deferred calls are recorded with the block that registers them", () => {
    const got = graph(`
func f() (err error) {
	h := open()
	defer func() {
		err = h.Close()
	}()
	if err != nil {
		return err
	}
	defer cleanup()
	return nil
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2 3
  h := open()
  defer func() { err = h.Close() }()
  err != nil
.1: exit
.2: if.then -> 1
  return err
.3: if.done -> 1
  defer cleanup()
  return nil
.4: unreachable [dead] -> 3
.5: unreachable [dead] -> 1
defer .0: func() { err = h.Close() }()
defer .3: cleanup()
`),
    );
  });

  test("calls that never return end their block: log.Fatal, t.Fatalf, os.Exit", () => {
    const got = graph(`
func f(t T, err error) {
	if err != nil {
		log.Fatal(err)
	}
	if err == nil {
		t.Fatalf("x")
	}
	os.Exit(1)
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2 3
  err != nil
.1: exit [dead]
.2: if.then [noreturn]
  log.Fatal(err)
.3: if.done -> 5 6
  err == nil
.4: unreachable [dead] -> 3
.5: if.then [noreturn]
  t.Fatalf("x")
.6: if.done [noreturn]
  os.Exit(1)
.7: unreachable [dead] -> 6
.8: unreachable [dead] -> 1
`),
    );
  });

  test("the caller's mayReturn decides; a function literal gets its own graph", () => {
    const src = `package p

func f() {
	g := func(x int) {
		if x > 0 {
			fail()
		}
		runtime.Goexit()
	}
	g(1)
}
`;
    let lit: ast.FuncLit | null = null;
    inspect(funcs(src).get("f")!, (n) => {
      if (n.kind === "FuncLit") lit = n;
      return true;
    });
    assert.ok(lit !== null);
    const cfg = buildCFG(lit, (call) => !(call.fun.kind === "Ident" && call.fun.name === "fail"));
    assert.equal(
      format(cfg, src),
      lines(`
.0: entry -> 2 3
  x > 0
.1: exit
.2: if.then [noreturn]
  fail()
.3: if.done -> 1
  runtime.Goexit()
.4: unreachable [dead] -> 3
`),
    );
    assert.deepEqual(
      cfg.exit.preds.map((b) => b.index),
      [3],
    );
    assert.equal(format(buildCFG(lit, syntacticMayReturn), src).split("\n")[5], ".3: if.done [noreturn]");
  });

  test("syntacticMayReturn", () => {
    const src = `package p

func f() {
	panic(1)
	os.Exit(1)
	runtime.Goexit()
	log.Fatalf("x")
	log.Panicln("x")
	logger.Fatal("x")
	t.FailNow()
	b.Skip("x")
	tb.SkipNow()
	r.Skip(1)
	fmt.Println()
	(panic)(1)
	x.Exit()
}
`;
    const got: boolean[] = [];
    inspect(funcs(src).get("f")!, (n) => {
      if (n.kind === "CallExpr") got.push(syntacticMayReturn(n));
      return true;
    });
    assert.deepEqual(got, [
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      false,
      true,
    ]);
  });

  test("branches without a target end their block without an edge", () => {
    const got = graph(`
func f() {
	break
	continue
	fallthrough
	goto nowhere
}`);
    assert.equal(
      got,
      lines(`
.0: entry
.1: exit [dead]
.2: unreachable [dead]
.3: unreachable [dead]
.4: unreachable [dead] -> 5
.5: label [dead]
.6: unreachable [dead] -> 1
`),
    );
  });
});

describe("cfg: robustness", () => {
  function allGraphs(file: ast.File): CFG[] {
    const out: CFG[] = [];
    inspect(file, (n) => {
      if (n.kind === "FuncDecl" || n.kind === "FuncLit") out.push(buildCFG(n, syntacticMayReturn));
      return true;
    });
    return out;
  }

  test("a broken file builds and prints", () => {
    const src = `package p

func f(x int) {
	if x > {
		for ; ; x++ {
	switch x { case 1: fallthrough; default: goto L }
	select { case <-: }
	L: break L
	func() { defer }()
	x :=
}

func g()

func h() { return
`;
    const r = parseFile("x.go", src);
    assert.ok(r.errors.length > 0);
    const graphs = allGraphs(r.file);
    assert.ok(graphs.length >= 2);
    for (const g of graphs) {
      assert.ok(g.entry.live);
      assert.equal(g.blocks[1], g.exit);
      format(g, src);
    }
  });

  test("a hand-made tree with missing parts builds", () => {
    const bad = { kind: "BadStmt", pos: 0, end: 0 } as ast.BadStmt;
    const nulls = [
      { kind: "IfStmt", pos: 0, end: 0, init: null, cond: null, body: null, else: null },
      { kind: "ForStmt", pos: 0, end: 0, init: null, cond: null, post: null, body: null },
      { kind: "RangeStmt", pos: 0, end: 0, key: null, value: null, x: null, body: null },
      { kind: "SwitchStmt", pos: 0, end: 0, init: null, tag: null, body: null },
      { kind: "TypeSwitchStmt", pos: 0, end: 0, init: null, assign: null, body: null },
      { kind: "SelectStmt", pos: 0, end: 0, body: null },
      { kind: "LabeledStmt", pos: 0, end: 0, label: null, stmt: null },
      { kind: "ExprStmt", pos: 0, end: 0, x: null },
      { kind: "DeclStmt", pos: 0, end: 0, decl: null },
      { kind: "BranchStmt", pos: 0, end: 0, tok: "goto", label: null },
      { kind: "CaseClause", pos: 0, end: 0, list: null, colon: 0, body: null },
    ] as unknown as ast.Stmt[];
    const body: ast.BlockStmt = {
      kind: "BlockStmt",
      pos: 0,
      end: 0,
      lbrace: 0,
      list: [bad, ...nulls],
      rbrace: 0,
    };
    const cfg = buildBodyCFG(body, syntacticMayReturn);
    assert.ok(cfg.blocks.length > 2);
    format(cfg, "");
    assert.equal(format(buildBodyCFG(null, syntacticMayReturn), ""), ".0: entry -> 1\n.1: exit\n");
  });

  test("10,000 nested ifs and a 10,000-long else-if chain", () => {
    const depth = 10_000;
    const ident: ast.Ident = {
      kind: "Ident",
      pos: 0,
      end: 1,
      name: "c",
      tv: undefined,
      def: undefined,
      use: undefined,
    };
    const block = (list: ast.Stmt[]): ast.BlockStmt => ({
      kind: "BlockStmt",
      pos: 0,
      end: 1,
      lbrace: 0,
      list,
      rbrace: 0,
    });
    let nested: ast.Stmt = { kind: "ExprStmt", pos: 0, end: 1, x: ident };
    for (let i = 0; i < depth; i++) {
      nested = { kind: "IfStmt", pos: 0, end: 1, init: null, cond: ident, body: block([nested]), else: null };
    }
    const deep = buildBodyCFG(block([nested]), syntacticMayReturn);
    assert.equal(deep.blocks.length, 2 + 2 * depth);
    assert.ok(deep.blocks.every((b) => b.live));
    assert.ok(format(deep, "c").length > 0);

    let chain: ast.Stmt | null = null;
    for (let i = 0; i < depth; i++) {
      chain = { kind: "IfStmt", pos: 0, end: 1, init: null, cond: ident, body: block([]), else: chain };
    }
    const long = buildBodyCFG(block([chain!]), syntacticMayReturn);
    assert.equal(long.blocks.length, 2 + 3 * depth - 1);
    assert.ok(long.exit.live);
  });

  test("goto cycles terminate", () => {
    const got = graph(`
func f() {
A:
	goto B
B:
	goto A
C:
	goto C
}`);
    assert.equal(
      got,
      lines(`
.0: entry -> 2
.1: exit [dead]
.2: label -> 3
.3: label -> 2
.4: unreachable [dead] -> 3
.5: unreachable [dead] -> 6
.6: label [dead] -> 6
.7: unreachable [dead] -> 1
`),
    );
  });
});
