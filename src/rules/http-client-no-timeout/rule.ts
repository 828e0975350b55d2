import { deref, isNamedType, literalFieldSetLater, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";

/** Package functions that send through http.DefaultClient. */
const defaultClientFuncs = ["net/http.Get", "net/http.Head", "net/http.Post", "net/http.PostForm"];

/** Transport fields that bound some phase of a request (dial, TLS handshake, response headers). */
const transportTimeouts = [
  "DialContext",
  "Dial",
  "DialTLSContext",
  "DialTLS",
  "TLSHandshakeTimeout",
  "ResponseHeaderTimeout",
];

/** The key names of a struct literal's keyed elements. */
function keys(lit: ast.CompositeLit): Map<string, ast.Expr> {
  const m = new Map<string, ast.Expr>();
  for (const elt of lit.elts)
    if (elt.kind === "KeyValueExpr" && elt.key.kind === "Ident") m.set(elt.key.name, elt.value);
  return m;
}

/**
 * Whether a client's Transport, as written in its literal, bounds requests some other way:
 * unknown transports (a variable, a wrapping RoundTripper) are given the benefit of the doubt;
 * only an `&http.Transport{...}` literal without any timeout counts as none.
 */
function transportBoundsRequests(ctx: RuleContext, transport: ast.Expr | undefined): boolean {
  if (transport === undefined) return false;
  let x = unparen(transport);
  if (x.kind === "UnaryExpr" && x.op === "&") x = unparen(x.x);
  if (x.kind !== "CompositeLit" || !isNamedType(ctx.sem.typeOf(x), "net/http.Transport")) return true;
  const set = keys(x);
  return transportTimeouts.some((k) => set.has(k));
}

export default defineRule({
  name: "http-client-no-timeout",
  category: "http",
  severity: "warning",
  needs: ["resolution", "types"],
  imports: ["net/http"],
  skipTests: true,
  docs: {
    summary: "HTTP requests through http.DefaultClient or a http.Client without Timeout can hang forever",
    details:
      "http.DefaultClient, which http.Get, http.Head, http.Post and http.PostForm use, has no timeout, " +
      "and neither has a http.Client built without its Timeout field. When the server accepts the " +
      "connection and then stops answering (overloaded, a half-open connection behind a load " +
      "balancer, a slow drip of bytes), the request blocks forever: the goroutine, its connection and " +
      "everything it holds stay until the process restarts, and under load they pile up. Client.Timeout " +
      "bounds the whole exchange, from dialing to reading the body; the Transport's dial, " +
      "TLSHandshakeTimeout and ResponseHeaderTimeout bound its phases. The rule reports calls of the " +
      "package-level helpers and of http.DefaultClient's methods, and http.Client literals (and " +
      "new(http.Client)) that set no Timeout, unless their Transport is an &http.Transport{...} that " +
      "sets a dial, TLS handshake or response header timeout, or is something the rule cannot see " +
      "into, or Timeout is assigned to the stored client later. Test files and test-helper packages " +
      "(named *test, as httptest: their clients talk to local test servers) are not checked. Build one " +
      "client with a Timeout and share it.",
    bad: `package main

import (
	"io"
	"net/http"
	"os"
)

func main() {
	resp, err := http.Get("https://example.com/")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(os.Stdout, resp.Body)
}
`,
    good: `package main

import (
	"io"
	"net/http"
	"os"
	"time"
)

var client = &http.Client{Timeout: 10 * time.Second}

func main() {
	resp, err := client.Get("https://example.com/")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(os.Stdout, resp.Body)
}
`,
    source:
      'seed 000 "不使用HTTP的默认配置" (do not use the default HTTP configuration); seed 001 #81 (10.7.1, HTTP client); gosec G107/G114 neighbours; noctx',
  },
  create(ctx) {
    // Test files, and test-helper packages (httptest, named *test by Go's convention), talk to
    // local servers whose lifetime the test controls.
    if (ctx.file.name.name.endsWith("test")) return {};
    const reportLiteral = (at: ast.Node, what: string): void => {
      ctx.report(
        at,
        `${what} has no Timeout: a server that stops answering blocks the request and its goroutine ` +
          "forever; set Timeout (e.g. Timeout: 10 * time.Second)",
      );
    };
    return {
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name !== null && defaultClientFuncs.includes(name)) {
          const fn = name.slice("net/http.".length);
          ctx.report(
            call,
            `http.${fn} uses http.DefaultClient, which has no timeout: a server that stops answering ` +
              `blocks this call forever; use a http.Client with Timeout set (client.${fn})`,
          );
          return;
        }
        const fun = unparen(call.fun);
        if (fun.kind === "SelectorExpr" && name !== null && name.startsWith("(*net/http.Client).")) {
          const recv = unparen(fun.x);
          const id = recv.kind === "SelectorExpr" ? recv.sel : recv.kind === "Ident" ? recv : null;
          const obj = id === null ? null : ctx.sem.objectOf(id);
          if (
            obj !== null &&
            obj.kind === "Var" &&
            obj.name === "DefaultClient" &&
            obj.pkg?.path === "net/http"
          ) {
            ctx.report(
              call,
              `http.DefaultClient.${fun.sel.name} goes through a client with no timeout: a server that stops ` +
                "answering blocks this call forever; use a http.Client with Timeout set",
            );
          }
          return;
        }
        // new(http.Client): a client with every field zero
        if (fun.kind === "Ident" && call.args.length === 1) {
          const obj = ctx.sem.objectOf(fun);
          if (obj?.kind !== "Builtin" || obj.name !== "new") return;
          if (isNamedType(ctx.sem.typeOf(call.args[0]!), "net/http.Client"))
            reportLiteral(call, "new(http.Client)");
        }
      },
      CompositeLit(lit) {
        const t = ctx.sem.typeOf(lit);
        if (t === null || !isNamedType(deref(t), "net/http.Client")) return;
        const set = keys(lit);
        if (set.has("Timeout")) return;
        // a positional literal names every field, Timeout included
        if (lit.elts.length > 0 && lit.elts[0]!.kind !== "KeyValueExpr") return;
        if (transportBoundsRequests(ctx, set.get("Transport"))) return;
        if (literalFieldSetLater(ctx.sem, ctx.ancestors, lit, ["Timeout"])) return;
        reportLiteral(lit, "http.Client");
      },
    };
  },
});
