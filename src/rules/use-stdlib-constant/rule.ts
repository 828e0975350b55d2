import { unparen } from "../../analysis/astutil.js";
import { defineRule, type RuleContext } from "../../analysis/rule.js";
import type * as ast from "../../syntax/ast.js";

/** net/http's status constants, with the Go version that added the younger ones. */
const statusNames: Record<number, [string, string?]> = {
  100: ["StatusContinue"],
  101: ["StatusSwitchingProtocols"],
  102: ["StatusProcessing"],
  103: ["StatusEarlyHints", "1.13"],
  200: ["StatusOK"],
  201: ["StatusCreated"],
  202: ["StatusAccepted"],
  203: ["StatusNonAuthoritativeInfo"],
  204: ["StatusNoContent"],
  205: ["StatusResetContent"],
  206: ["StatusPartialContent"],
  207: ["StatusMultiStatus"],
  208: ["StatusAlreadyReported"],
  226: ["StatusIMUsed"],
  300: ["StatusMultipleChoices"],
  301: ["StatusMovedPermanently"],
  302: ["StatusFound"],
  303: ["StatusSeeOther"],
  304: ["StatusNotModified"],
  305: ["StatusUseProxy"],
  307: ["StatusTemporaryRedirect"],
  308: ["StatusPermanentRedirect"],
  400: ["StatusBadRequest"],
  401: ["StatusUnauthorized"],
  402: ["StatusPaymentRequired"],
  403: ["StatusForbidden"],
  404: ["StatusNotFound"],
  405: ["StatusMethodNotAllowed"],
  406: ["StatusNotAcceptable"],
  407: ["StatusProxyAuthRequired"],
  408: ["StatusRequestTimeout"],
  409: ["StatusConflict"],
  410: ["StatusGone"],
  411: ["StatusLengthRequired"],
  412: ["StatusPreconditionFailed"],
  413: ["StatusRequestEntityTooLarge"],
  414: ["StatusRequestURITooLong"],
  415: ["StatusUnsupportedMediaType"],
  416: ["StatusRequestedRangeNotSatisfiable"],
  417: ["StatusExpectationFailed"],
  418: ["StatusTeapot"],
  421: ["StatusMisdirectedRequest", "1.11"],
  422: ["StatusUnprocessableEntity"],
  423: ["StatusLocked"],
  424: ["StatusFailedDependency"],
  425: ["StatusTooEarly", "1.12"],
  426: ["StatusUpgradeRequired"],
  428: ["StatusPreconditionRequired"],
  429: ["StatusTooManyRequests"],
  431: ["StatusRequestHeaderFieldsTooLarge"],
  451: ["StatusUnavailableForLegalReasons"],
  500: ["StatusInternalServerError"],
  501: ["StatusNotImplemented"],
  502: ["StatusBadGateway"],
  503: ["StatusServiceUnavailable"],
  504: ["StatusGatewayTimeout"],
  505: ["StatusHTTPVersionNotSupported"],
  506: ["StatusVariantAlsoNegotiates"],
  507: ["StatusInsufficientStorage"],
  508: ["StatusLoopDetected"],
  510: ["StatusNotExtended"],
  511: ["StatusNetworkAuthenticationRequired"],
};

const methodNames: Record<string, string> = {
  GET: "MethodGet",
  HEAD: "MethodHead",
  POST: "MethodPost",
  PUT: "MethodPut",
  PATCH: "MethodPatch",
  DELETE: "MethodDelete",
  CONNECT: "MethodConnect",
  OPTIONS: "MethodOptions",
  TRACE: "MethodTrace",
};

/** time's layout constants, with the Go version that added the younger ones. */
const layoutNames: Record<string, [string, string?]> = {
  "01/02 03:04:05PM '06 -0700": ["Layout"],
  "Mon Jan _2 15:04:05 2006": ["ANSIC"],
  "Mon Jan _2 15:04:05 MST 2006": ["UnixDate"],
  "Mon Jan 02 15:04:05 -0700 2006": ["RubyDate"],
  "02 Jan 06 15:04 MST": ["RFC822"],
  "02 Jan 06 15:04 -0700": ["RFC822Z"],
  "Monday, 02-Jan-06 15:04:05 MST": ["RFC850"],
  "Mon, 02 Jan 2006 15:04:05 MST": ["RFC1123"],
  "Mon, 02 Jan 2006 15:04:05 -0700": ["RFC1123Z"],
  "2006-01-02T15:04:05Z07:00": ["RFC3339"],
  "2006-01-02T15:04:05.999999999Z07:00": ["RFC3339Nano"],
  "3:04PM": ["Kitchen"],
  "Jan _2 15:04:05": ["Stamp"],
  "Jan _2 15:04:05.000": ["StampMilli"],
  "Jan _2 15:04:05.000000": ["StampMicro"],
  "Jan _2 15:04:05.000000000": ["StampNano"],
  "2006-01-02 15:04:05": ["DateTime", "1.20"],
  "2006-01-02": ["DateOnly", "1.20"],
  "15:04:05": ["TimeOnly", "1.20"],
};

/** Calls taking a status code, with its argument index. */
const statusArgs = new Map<string, number>([
  ["(net/http.ResponseWriter).WriteHeader", 0],
  ["(*net/http/httptest.ResponseRecorder).WriteHeader", 0],
  ["net/http.Error", 2],
  ["net/http.Redirect", 3],
  ["net/http.RedirectHandler", 1],
  ["net/http.StatusText", 0],
]);

/** Calls taking a request method, with its argument index. */
const methodArgs = new Map<string, number>([
  ["net/http.NewRequest", 0],
  ["net/http.NewRequestWithContext", 1],
  ["net/http/httptest.NewRequest", 0],
]);

/** Calls taking a time layout, with its argument index. */
const layoutArgs = new Map<string, number>([
  ["time.Parse", 0],
  ["time.ParseInLocation", 0],
  ["(time.Time).Format", 0],
  ["(time.Time).AppendFormat", 1],
]);

type Kind = "status" | "method";

/** What a field holds: a status code (Response.StatusCode, ResponseRecorder.Code) or a method. */
function fieldKind(ctx: RuleContext, x: ast.Expr): Kind | null {
  const e = unparen(x);
  const id = e.kind === "SelectorExpr" ? e.sel : e.kind === "Ident" ? e : null;
  if (id === null) return null;
  const obj = ctx.sem.objectOf(id);
  if (obj === null || obj.kind !== "Var" || !obj.isField) return null;
  const field = `${obj.pkg?.path}.${obj.name}`;
  if (field === "net/http.StatusCode" || field === "net/http/httptest.Code") return "status";
  if (field === "net/http.Method") return "method";
  return null;
}

export default defineRule({
  name: "use-stdlib-constant",
  category: "stdlib",
  severity: "info",
  needs: ["resolution", "types", "version"],
  imports: ["net/http", "net/http/httptest", "time"],
  docs: {
    summary:
      'A literal the standard library names: 200 for http.StatusOK, "GET" for http.MethodGet, a time layout',
    details: `\`if resp.StatusCode == 200\`, \`http.NewRequest("GET", ...)\` and \`time.Parse("2006-01-02 15:04:05", s)\` work, but the reader has to know the number or decode the layout, and a typo (\`"GTE"\`, \`"2006-01-02 15:04:06"\`, \`201\` for \`204\`) compiles and fails only at run time, often quietly: a request with an unknown method, a layout that parses the wrong field. The standard library names these values (\`http.StatusOK\`, \`http.MethodGet\`, \`time.DateTime\`), and the common-mistakes notes recommend using them for readability.

The rule reports integer literals that are HTTP status codes where a status is expected (compared with \`Response.StatusCode\` or \`httptest.ResponseRecorder.Code\`, passed to \`WriteHeader\`, \`http.Error\`, \`http.Redirect\`), method literals passed to \`http.NewRequest\` or compared with \`Request.Method\`, and layout literals passed to \`time.Parse\`, \`time.ParseInLocation\` or \`Time.Format\` that equal a \`time\` constant. \`time.DateTime\`, \`time.DateOnly\` and \`time.TimeOnly\` exist from Go 1.20: the rule proposes them only to files written for Go 1.20 or later.`,
    bad: `package api

import "net/http"

func Health(client *http.Client, url string) (bool, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return false, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	return resp.StatusCode == 200, nil
}
`,
    good: `package api

import "net/http"

func Health(client *http.Client, url string) (bool, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return false, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return false, err
	}
	defer resp.Body.Close()
	return resp.StatusCode == http.StatusOK, nil
}
`,
    source:
      'seed 000 "使用库中的常量、变量" (200 → http.StatusOK, "2006-01-02 15:04:05" → time.DateTime); usestdlibvars (golangci-lint)',
  },
  create(ctx) {
    const check = (kind: Kind | "layout", x: ast.Expr): void => {
      const lit = unparen(x);
      if (lit.kind !== "BasicLit") return;
      const tv = ctx.sem.typeAndValue(lit);
      if (tv === null || tv.value === null) return;
      const v = tv.value;
      if (kind === "status" && v.kind === "Int") {
        const entry = statusNames[Number(v.value)];
        if (entry === undefined || (entry[1] !== undefined && !ctx.atLeast(entry[1]))) return;
        ctx.report(
          lit,
          `status code ${lit.value} is http.${entry[0]}; use the named constant, which says what the code means`,
        );
      } else if (kind === "method" && v.kind === "String") {
        const name = methodNames[v.value];
        if (name === undefined) return;
        ctx.report(
          lit,
          `method ${lit.value} is http.${name}; use the named constant, which a typo cannot break`,
        );
      } else if (kind === "layout" && v.kind === "String") {
        const entry = layoutNames[v.value];
        if (entry === undefined || (entry[1] !== undefined && !ctx.atLeast(entry[1]))) return;
        ctx.report(
          lit,
          `layout ${lit.value} is time.${entry[0]}; use the named constant, which a typo cannot break`,
        );
      }
    };
    return {
      BinaryExpr(node) {
        if (node.op !== "==" && node.op !== "!=") return;
        const kx = fieldKind(ctx, node.x);
        if (kx !== null) check(kx, node.y);
        const ky = fieldKind(ctx, node.y);
        if (ky !== null) check(ky, node.x);
      },
      SwitchStmt(node) {
        if (node.tag === null) return;
        const kind = fieldKind(ctx, node.tag);
        if (kind === null) return;
        for (const clause of node.body.list) {
          if (clause.kind !== "CaseClause" || clause.list === null) continue;
          for (const value of clause.list) check(kind, value);
        }
      },
      KeyValueExpr(node) {
        if (node.key.kind !== "Ident") return;
        const kind = fieldKind(ctx, node.key);
        if (kind !== null) check(kind, node.value);
      },
      CallExpr(call) {
        const name = ctx.sem.calleeName(call);
        if (name === null) return;
        const s = statusArgs.get(name);
        if (s !== undefined && s < call.args.length) check("status", call.args[s]!);
        const m = methodArgs.get(name);
        if (m !== undefined && m < call.args.length) check("method", call.args[m]!);
        const l = layoutArgs.get(name);
        if (l !== undefined && l < call.args.length) check("layout", call.args[l]!);
      },
    };
  },
});
