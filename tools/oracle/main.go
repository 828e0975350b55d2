// Command oracle dumps what Go's own go/parser and go/types make of Go source, as JSON lines,
// so that gopitfall's parser and type checker can be compared with them. See README.md.
package main

import (
	"bufio"
	"fmt"
	"os"
)

const usage = `usage:
  oracle parse              read file paths (one per line) on stdin, write one JSON line per file
  oracle types [flags] arg...  type-check packages (directories, dir/..., or import paths),
                            write one JSON line per package
`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	var err error
	switch os.Args[1] {
	case "parse":
		err = runParse(os.Stdin, out)
	case "types":
		err = runTypes(os.Args[2:], out)
	default:
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "oracle:", err)
		os.Exit(1)
	}
}
