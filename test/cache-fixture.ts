// A fixture module for the cache and parallel-analysis tests, and a way to analyze it with every
// rule on, on worker threads or not, with or without a cache, always with the bundled
// standard-library model (so results do not depend on the machine).
//
// Run as a program (`node cache-fixture.js <dir> <cacheDir> <jobs>`), it prints the report's
// findings and errors as JSON: the tests start two at once on one cache.

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type AnalyzeRequest, analyzeAsync } from "../src/analysis/analyze.js";
import type { Report } from "../src/analysis/finding.js";
import { isGenerated } from "../src/analysis/generated.js";
import { collectSuppressions } from "../src/analysis/suppress.js";
import { allRules } from "../src/rules/index.js";

export const fixtureFiles: Record<string, string> = {
  "go.mod": "module example.com/m\n\ngo 1.22\n",
  "lib/lib.go": `package lib

import "sync"

// Counter counts.
type Counter struct {
	mu sync.Mutex
	n  int
}

// Inc adds one.
func (c *Counter) Inc() {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

// Big is big.
type Big struct {
	Data [4096]byte
}
`,
  "lib/lib_test.go": `package lib

import "testing"

func TestInc(t *testing.T) {
	var c Counter
	c.Inc()
	d := c
	_ = d
}
`,
  "lib/x_test.go": `package lib_test

import (
	"testing"

	"example.com/m/lib"
)

func TestBig(t *testing.T) {
	var b lib.Big
	_ = b
}
`,
  "app/app.go": `package app

import (
	"os"

	"example.com/m/lib"
)

// Sum adds the bytes up.
func Sum(b lib.Big) int {
	n := 0
	for _, x := range b.Data {
		n += int(x)
	}
	return n
}

func readAll(names []string) {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

func readQuietly(names []string) {
	for _, n := range names {
		f, _ := os.Open(n)
		defer f.Close() //nolint:defer-in-loop // closed at return on purpose
	}
}

//nolint:no-such-rule
func unknownDirective() {}
`,
  "deep/a/a.go": `package a

import "time"

// Wait waits.
func Wait(ch chan int) {
	for {
		select {
		case <-ch:
			return
		case <-time.After(time.Second):
		}
	}
}
`,
  "deep/b/b.go": `package b

import (
	"time"

	"example.com/m/deep/a"
)

// Run runs.
func Run(ch chan int) {
	a.Wait(ch)
	for i := 0; i < 3; i++ {
		<-time.After(time.Millisecond)
	}
}
`,
  "deep/c/c.go": `package c

import (
	"example.com/m/deep/b"
	"example.com/m/lib"
)

// Go starts.
func Go(ch chan int, big lib.Big) {
	go b.Run(ch)
	_ = big
}
`,
  "broken/broken.go": `package broken

func f() {
	x := (1 + 
}
`,
  "cmd/tool/main.go": `package main

import (
	"fmt"

	"example.com/m/app"
	"example.com/m/deep/c"
	"example.com/m/lib"
)

func main() {
	var b lib.Big
	fmt.Println(app.Sum(b))
	c.Go(nil, b)
}
`,
};

/** Writes the fixture module into a new temporary directory. */
export function writeFixture(files: Record<string, string> = fixtureFiles): string {
  const dir = mkdtempSync(join(tmpdir(), "gopitfall-cache-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The request a worker thread rebuilds (analyze.ts's WorkerSetup): every rule on. */
export function workerRequest(options: unknown): AnalyzeRequest {
  const dir = options as string;
  return {
    patterns: ["./..."],
    cwd: dir,
    tests: true,
    tags: [],
    goVersion: null,
    rules: allRules.map((rule) => ({ rule, severity: rule.severity, options: rule.options ?? {} })),
    excluded: () => false,
    generated: isGenerated,
    includeGenerated: false,
    suppressions: (file, source) => collectSuppressions(file, source, allRules),
    env: { PATH: "" },
    goRoot: null,
  };
}

/** Analyzes dir on `jobs` worker threads (1: this thread), with a cache in cacheDir or none. */
export function analyzeFixture(dir: string, cacheDir: string | null, jobs: number): Promise<Report> {
  return analyzeAsync({
    ...workerRequest(dir),
    cacheDir,
    jobs,
    worker: { module: import.meta.url, options: dir },
  });
}

/** What must not change between runs: findings and errors. */
export function outcome(report: Report): string {
  return JSON.stringify({ findings: report.findings, errors: report.errors }, null, 1);
}

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const [dir, cacheDir, jobs] = process.argv.slice(2);
  if (dir !== undefined && cacheDir !== undefined && jobs !== undefined) {
    const report = await analyzeFixture(dir, cacheDir, Number(jobs));
    process.stdout.write(`${outcome(report)}\n`);
  }
}
