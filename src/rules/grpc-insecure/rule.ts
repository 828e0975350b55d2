import { unparen } from "../../analysis/astutil.js";
import { defineRule } from "../../analysis/rule.js";

const grpcPath = "google.golang.org/grpc";

export default defineRule({
  name: "grpc-insecure",
  category: "security",
  severity: "warning",
  // Name resolution only: where grpc's sources are not at hand, its members have no types, but
  // `grpc` still resolves to the import.
  needs: ["resolution"],
  imports: [grpcPath],
  docs: {
    summary: "grpc.WithInsecure() dials in plaintext, and is deprecated",
    details:
      "grpc.WithInsecure() turns off transport security for a client connection: every RPC, " +
      "including the tokens and credentials it carries in metadata, crosses the network in " +
      "plaintext, and the client cannot tell the real server from an impostor. Tutorials and " +
      'generated examples use it to get a first call working (grpc.Dial("localhost:1234", ' +
      "grpc.WithInsecure())), and it then ships to production unchanged. It has been deprecated " +
      "since grpc-go 1.43 and may be removed. Dial with " +
      "grpc.WithTransportCredentials(credentials.NewTLS(cfg)); where plaintext is intended (a " +
      "sidecar on localhost, a test), say so with " +
      "grpc.WithTransportCredentials(insecure.NewCredentials()) from " +
      "google.golang.org/grpc/credentials/insecure, which reviewers and scanners can see.",
    bad: `package main

import "google.golang.org/grpc"

func main() {
	conn, err := grpc.Dial("orders.internal:443", grpc.WithInsecure())
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
`,
    good: `package main

import (
	"crypto/tls"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
)

func main() {
	creds := credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})
	conn, err := grpc.Dial("orders.internal:443", grpc.WithTransportCredentials(creds))
	if err != nil {
		panic(err)
	}
	defer conn.Close()
}
`,
    source:
      'seed 002 (gRPC: grpc.Dial("localhost:1234", grpc.WithInsecure())); staticcheck SA1019 (deprecated); gosec G402',
  },
  create(ctx) {
    return {
      CallExpr(call) {
        const fun = unparen(call.fun);
        if (fun.kind !== "SelectorExpr" || fun.sel.name !== "WithInsecure" || fun.x.kind !== "Ident") return;
        const obj = ctx.sem.objectOf(fun.x);
        if (obj === null || obj.kind !== "PkgName" || obj.imported.path !== grpcPath) return;
        ctx.report(
          call,
          `${ctx.source.decode(fun.pos, fun.end)}() dials without transport security: RPCs and their ` +
            "credentials cross the network in plaintext, and the option is deprecated; use " +
            "grpc.WithTransportCredentials with credentials.NewTLS, or insecure.NewCredentials() where plaintext is intended",
        );
      },
    };
  },
});
