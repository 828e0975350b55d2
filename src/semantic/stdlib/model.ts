/**
 * The bundled model of the Go standard library, `model.json` beside this file's source, generated from
 * the Go project's API listings by `tools/gen-stdlib.ts` (`npm run gen:stdlib`). It lets the checker
 * resolve standard imports without a Go installation.
 *
 * Each package is a Go stub file: the package clause, imports, and every exported declaration without
 * bodies (`func Get(string) (*Response, error)`, `type Client struct { ... }`, `func (*Client) Do(...)`),
 * which the project's parser and checker read like any source file. Beside it:
 *
 * - `added`, `since`: the Go release that added the package, and the release of each symbol that came
 *   later (symbols added with the package are left out). Keys: `Get`, `Client`, `Client.Timeout` (field),
 *   `Reader.Read` (interface method), `(*Client).Do` and `Time.Add` (methods by receiver).
 * - `deprecated`: the release whose listing marked a symbol deprecated, same keys.
 * - `hiddenMethods`: interfaces with unexported methods (the listings say so): no type outside the
 *   standard library implements them.
 * - `hiddenFields`: structs known to have unexported fields: those whose listing shows no exported field
 *   (sync.Mutex, time.Time, http.ServeMux). The listings never show unexported fields, so any other
 *   standard struct may have some too (in Go 1.19, 94 of the 533 exported structs with exported fields
 *   also had unexported ones): treat a standard struct as complete only for field lookup, never for
 *   unkeyed literals, comparability or layout (sizes are in `facts.ts`).
 * - `internal`: a package user code cannot import, modelled because exported signatures mention its
 *   types (encoding/json/internal/jsonopts).
 *
 * What the stubs simplify, by construction of the listings: struct fields are in alphabetical order,
 * interfaces list their whole method set instead of embedding other interfaces (the same type), `byte`
 * and `rune` are written `uint8` and `int32` (identical types), and type parameters get conventional
 * names (S, E, K, V, M, T). The model is for linux/amd64 with cgo; symbols of other platforms are left
 * out. Package `unsafe` is not in the listings: the checker provides it.
 */

import { readFileSync } from "node:fs";

export interface StdlibModel {
  /** Version of this format. */
  format: number;
  /** The newest Go release in the listings, e.g. "1.27". */
  go: string;
  /** The GOOS/GOARCH the model describes. */
  platform: string;
  /** By import path. */
  packages: Record<string, PackageModel>;
}

export interface PackageModel {
  /** The package name (`rand` for math/rand/v2). */
  name: string;
  /** The release that added the package, e.g. "1.0", "1.21". */
  added: string;
  /** The stub: Go source text with the package's exported declarations. */
  src: string;
  /** Release that added each symbol, when later than `added`. */
  since?: Record<string, string>;
  /** Release that deprecated each symbol. */
  deprecated?: Record<string, string>;
  /** Structs with unexported fields (see the header comment for what absence means). */
  hiddenFields?: string[];
  /** Interfaces with unexported methods. */
  hiddenMethods?: string[];
  /** Set for packages user code cannot import. */
  internal?: true;
}

/** Where model.json is: the source tree, reached from dist/src/semantic/stdlib/ at run time. */
export const stdlibModelUrl = new URL("../../../../src/semantic/stdlib/model.json", import.meta.url);

let cached: StdlibModel | undefined;

/** Reads the bundled model once. */
export function readStdlibModel(): StdlibModel {
  cached ??= JSON.parse(readFileSync(stdlibModelUrl, "utf8")) as StdlibModel;
  return cached;
}

/** The release that added `key` (see the header comment for key syntax) to a package. */
export function symbolSince(pkg: PackageModel, key: string): string {
  return pkg.since?.[key] ?? pkg.added;
}
