package shadow

import (
	"errors"
	"io"
	"os"
	"strconv"
)

func findTarget(strs []string, target string) (i int) {
	i = -1
	for i := 0; i < len(strs); i++ { // want `declaration of i shadows the i declared at line 10: values assigned to this one are lost when the block ends, and line 17 reads the outer i`
		if strs[i] == target {
			break
		}
	}
	return i
}

func lostResult(path string, verbose bool) (*os.File, error) {
	var f *os.File
	var err error
	if verbose {
		f, err := os.Open(path) // want "declaration of f shadows the f declared at line 21"
		if err != nil {
			return nil, err
		}
		_ = f
	} else {
		f, err = os.Open(path)
	}
	return f, err
}

func namedErr(r io.Reader, buf []byte) (n int, err error) {
	for n < len(buf) {
		m, err := r.Read(buf[n:]) // want "declaration of err shadows the err declared at line 35"
		n += m
		if err != nil {
			break
		}
	}
	return n, err
}

func parsePort(s string) (port int) {
	if s != "" {
		port, err := strconv.Atoi(s) // want "declaration of port shadows the port declared at line 46"
		if err != nil {
			return 0
		}
		_ = port
	}
	return
}

func inSwitch(kind int) string {
	name := "unknown"
	switch kind {
	case 1:
		name := "one" // want "declaration of name shadows"
		_ = name
	}
	return name
}

func total(xs []int) int {
	sum := 0
	for _, x := range xs {
		sum := sum
		sum += x
	}
	sum2 := 0
	if len(xs) > 0 {
		sum2 := xs[0] * 2 // want "declaration of sum2 shadows"
		_ = sum2
	}
	return sum + sum2
}

// Near misses.

func propagated(a, b string) error {
	_, err := strconv.Atoi(a)
	if err == nil {
		if _, err := strconv.Atoi(b); err != nil {
			println(err.Error())
		}
	}
	return err
}

func computedBefore(xs []int) int {
	code := 0
	for _, x := range xs {
		code += x
	}
	for _, x := range xs {
		code := x * 2
		_ = code
	}
	return code
}

func assignedLater(pool []*int) *int {
	var d *int
	for len(pool) > 0 {
		d := pool[0]
		pool = pool[1:]
		_ = d
	}
	if n := len(pool); n > 0 {
		d = pool[n-1]
	}
	if d == nil {
		d = new(int)
	}
	return d
}

func checkedErr(a string) (n int, err error) {
	if a != "" {
		v, err := strconv.Atoi(a)
		if err != nil {
			return 0, err
		}
		n = v
	}
	return n, err
}

func lastFrame(next func() (string, bool)) string {
	var frame string
	for {
		frame, more := next()
		if frame != "" {
			return frame
		}
		if !more {
			break
		}
	}
	return frame
}

func param(n int) int {
	if n > 10 {
		n := 10
		_ = n
	}
	return n
}

func notReadAfter(a string) error {
	err := errors.New("x")
	println(err)
	if _, err := strconv.Atoi(a); err != nil {
		return err
	}
	return nil
}

func reassignedBeforeRead(a, b string) error {
	_, err := strconv.Atoi(a)
	if err != nil {
		return err
	}
	if _, err := strconv.Atoi(b); err != nil {
		return err
	}
	_, err = strconv.Atoi(a + b)
	return err
}

func copyIdiom(xs []int) {
	for _, x := range xs {
		x := x
		go func() { println(x) }()
	}
}

func typeSwitch(v any) any {
	switch v := v.(type) {
	case int:
		return v + 1
	}
	return v
}

func differentType(s string) string {
	n := 0
	if s != "" {
		n := len(s) > 3
		_ = n
	}
	return strconv.Itoa(n)
}

func derived(n int) int {
	if n > 0 {
		n := n * 2
		println(n)
	}
	return n
}

func inClosure() int {
	x := 1
	f := func() {
		x := 2
		_ = x
	}
	f()
	return x
}

var global = 3

func packageLevel() int {
	if true {
		global := 4
		_ = global
	}
	return global
}

func writtenAfter(xs []int) int {
	best := 0
	for _, x := range xs {
		best := x
		_ = best
	}
	best = 7
	return best
}
