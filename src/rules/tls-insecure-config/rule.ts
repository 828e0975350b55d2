import { deref, isNamedType, unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";

/** The suites tls.InsecureCipherSuites() lists, with what breaks them. */
const insecureSuites = new Map<string, string>([
  ["TLS_RSA_WITH_RC4_128_SHA", "RC4"],
  ["TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", "RC4"],
  ["TLS_ECDHE_RSA_WITH_RC4_128_SHA", "RC4"],
  ["TLS_RSA_WITH_3DES_EDE_CBC_SHA", "3DES, Sweet32"],
  ["TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA", "3DES, Sweet32"],
  ["TLS_RSA_WITH_AES_128_CBC_SHA256", "CBC with SHA-256, Lucky13"],
  ["TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "CBC with SHA-256, Lucky13"],
  ["TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "CBC with SHA-256, Lucky13"],
]);

const versionNames = new Map<bigint, string>([
  [0x0300n, "SSL 3.0"],
  [0x0301n, "TLS 1.0"],
  [0x0302n, "TLS 1.1"],
]);

const tls12 = 0x0303n;

/** The constant integer value of x, or null. */
function intConstant(ctx: RuleContext, x: ast.Expr): bigint | null {
  const tv = ctx.sem.typeAndValue(x);
  return tv !== null && tv.value !== null && tv.value.kind === "Int" ? tv.value.value : null;
}

/** Whether x is the constant true. */
function isTrue(ctx: RuleContext, x: ast.Expr): boolean {
  const tv = ctx.sem.typeAndValue(x);
  return tv !== null && tv.value !== null && tv.value.kind === "Bool" && tv.value.value;
}

/** Source text of a node, shortened for a message. */
function text(ctx: RuleContext, x: ast.Node): string {
  const s = ctx.source.decode(x.pos, x.end).replace(/\s+/g, " ");
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** What is wrong with setting field `name` of a tls.Config to `value`, or null. */
function problem(ctx: RuleContext, name: string, value: ast.Expr): string | null {
  switch (name) {
    case "InsecureSkipVerify":
      return isTrue(ctx, value)
        ? "InsecureSkipVerify: true disables verification of the server's certificate chain and host " +
            "name, so any man in the middle is accepted; remove it, and trust a private CA through RootCAs"
        : null;
    case "MinVersion":
    case "MaxVersion": {
      const v = intConstant(ctx, value);
      // 0 asks for Go's default (TLS 1.2 and later for clients)
      if (v === null || v === 0n || v >= tls12) return null;
      const version = versionNames.get(v) ?? `version ${v}`;
      const effect =
        name === "MinVersion" ? `lets connections fall back to ${version}` : `caps connections at ${version}`;
      return (
        `${name} ${text(ctx, value)} ${effect}, which has known attacks; ` +
        "use tls.VersionTLS12 or later, or leave it 0 for Go's default"
      );
    }
    default:
      return null;
  }
}

export default defineRule({
  name: "tls-insecure-config",
  category: "security",
  severity: "error",
  needs: ["resolution", "types"],
  imports: ["crypto/tls"],
  skipTests: true,
  docs: {
    summary:
      "A tls.Config that skips certificate verification, allows TLS below 1.2, or names weak cipher suites",
    details:
      "Three settings of crypto/tls turn an encrypted connection into one an attacker can read or " +
      "impersonate. InsecureSkipVerify: true accepts any certificate for any host name: the " +
      "connection is encrypted, but to whoever answered, so a man in the middle sees everything. A " +
      "MinVersion (or MaxVersion) below tls.VersionTLS12 allows SSL 3.0, TLS 1.0 or 1.1, which have " +
      "practical attacks and which browsers and PCI DSS no longer accept. A CipherSuites list naming " +
      "RC4, 3DES (Sweet32, CVE-2016-2183) or the CBC-SHA256 suites, the ones " +
      "tls.InsecureCipherSuites() returns, enables broken encryption; lists copied from old blog " +
      "posts often still carry RC4 while removing 3DES. The rule reports the offending field of a " +
      "tls.Config literal or assignment, and each weak suite in a literal list or append. Leave " +
      "CipherSuites nil to get Go's maintained defaults, trust a private CA through RootCAs instead " +
      "of skipping verification, and set MinVersion: tls.VersionTLS12 or later. Test files are not " +
      "checked: tests talk to local servers with throwaway certificates on purpose.",
    bad: `package main

import (
	"crypto/tls"
	"net/http"
)

func main() {
	client := &http.Client{
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		},
	}
	_ = client
}
`,
    good: `package main

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func main() {
	pool := x509.NewCertPool()
	client := &http.Client{
		Transport: &http.Transport{
			TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		},
	}
	_ = client
}
`,
    source:
      'seed 000 "禁用不安全的加密算法" (disable insecure cipher suites; its own list still keeps RC4); gosec G402, G403; tls.InsecureCipherSuites',
  },
  create(ctx) {
    const isConfig = (x: ast.Expr): boolean => {
      const t = ctx.sem.typeOf(x);
      return t !== null && isNamedType(deref(t), "crypto/tls.Config");
    };
    // an element of a literal list, or an argument of append
    const isListElement = (x: ast.Expr): boolean => {
      const parent = ctx.ancestors[ctx.ancestors.length - 1];
      if (parent?.kind === "CompositeLit") return parent.elts.includes(x);
      if (parent?.kind !== "CallExpr" || !parent.args.includes(x)) return false;
      const fun = unparen(parent.fun);
      if (fun.kind !== "Ident") return false;
      const obj = ctx.sem.objectOf(fun);
      return obj !== null && obj.kind === "Builtin" && obj.name === "append";
    };
    const checkSuite = (x: ast.Ident | ast.SelectorExpr): void => {
      const obj = ctx.sem.objectOf(x.kind === "Ident" ? x : x.sel);
      if (obj === null || obj.kind !== "Const" || obj.pkg === null || obj.pkg.path !== "crypto/tls") return;
      const weakness = insecureSuites.get(obj.name);
      if (weakness === undefined) return;
      if (!isListElement(x)) return;
      ctx.report(
        x,
        `cipher suite ${obj.name} is insecure (${weakness}); drop it, or leave CipherSuites nil for Go's secure defaults`,
      );
    };
    return {
      CompositeLit(lit) {
        if (!isConfig(lit)) return;
        for (const elt of lit.elts) {
          if (elt.kind !== "KeyValueExpr" || elt.key.kind !== "Ident") continue;
          const message = problem(ctx, elt.key.name, elt.value);
          if (message !== null) ctx.report(elt, message);
        }
      },
      AssignStmt(stmt) {
        if (stmt.tok !== "=" || stmt.lhs.length !== stmt.rhs.length) return;
        stmt.lhs.forEach((lhs, i) => {
          lhs = unparen(lhs);
          if (lhs.kind !== "SelectorExpr" || !isConfig(lhs.x)) return;
          const message = problem(ctx, lhs.sel.name, stmt.rhs[i]!);
          if (message !== null) ctx.report(stmt, message);
        });
      },
      SelectorExpr(x) {
        checkSuite(x);
      },
      Ident(x) {
        checkSuite(x);
      },
    };
  },
});
