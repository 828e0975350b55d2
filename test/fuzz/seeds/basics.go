// Package seeds holds small Go files for the parser fuzzer to mutate when no larger corpus is
// at hand. Between them they use every kind of declaration, statement and expression.
package seeds

import (
	"errors"
	"fmt"
	str "strings"
	_ "unsafe"
)

import . "math"

const (
	A = iota * 10
	B
	C, D = "c", 'd'
	E    = 1_000_000 + 0x_FF + 0o17 + 017 + 0b1010
	F    = 1.5e-3 + .25 + 0x1.8p1 + 6.
	G    = 2i + 1.5i + 0x10i
	H    = `raw
string` + "interpreted\t\"\u00e9\U0001F600\x41\101"
	I = '\'' + '\\' + '\n' + '\x7f' + '\u12e4'
)

var (
	x, y int = 1, 2
	z        = map[string][]*struct{ a, b int }{"k": {{1, 2}, {a: 3}}}
	fn   func(int, ...string) (bool, error)
	ch   chan<- <-chan int
	arr  [2 * N]byte
	_    = Pi
)

const N = 4

type (
	Point struct {
		X, Y float64 `json:"x,omitempty" xml:"y"`
		*Embedded
		fmt.Stringer
		tags string "plain tag"
	}
	Embedded struct{}
	Shape    interface {
		fmt.Stringer
		Area() float64
		Scale(f float64) Shape
	}
	Handler func(w string, r *Point) error
	Alias   = Point
)

// Area is a method with a value receiver.
func (p Point) Area() float64 { return p.X * p.Y }

func (p *Point) Scale(f float64) (q *Point, err error) {
	if p == nil {
		err = errors.New("nil point")
		return
	}
	q = &Point{X: p.X * f, Y: p.Y * f}
	return q, nil
}

func variadic(prefix string, rest ...interface{}) (n int) {
	defer func() {
		if r := recover(); r != nil {
			n = -1
		}
	}()
	for i, v := range rest {
		switch t := v.(type) {
		case nil:
			continue
		case int, int64:
			n += i
		case string:
			n += len(t)
			fallthrough
		default:
			n++
		}
	}
	return n + len(prefix)
}

func statements(s []int) int {
	total := 0
outer:
	for i := 0; i < len(s); i++ {
		for j := range s[i:] {
			if j > 10 {
				break outer
			} else if j%2 == 0 {
				continue outer
			} else {
				total += j
			}
		}
	}
	for total < 100 {
		total <<= 1
	}
	for {
		break
	}
	var k int
	k++
	k--
	k += 2
	k &^= 1
	k, total = total, k
	if k > 0 {
		goto end
	}
	switch {
	case k > 1, k < -1:
		k = 0
	}
	switch k := k * 2; k {
	case 0:
	}
end:
	x := s[1:2:3]
	_ = x[:]
	_ = str.ToUpper("a")
	return total + k
}

func closures() func() int {
	c := 0
	return func() int { c++; return c }
}

func conversions() {
	_ = (*Point)(nil)
	_ = []byte("bytes")
	_ = (func())(nil)
	_ = (<-chan int)(nil)
	_ = Point.Area
	_ = (*Point).Scale
	_ = struct{ a int }{1}
	_ = [...]string{2: "c", 0: "a"}
	_ = -x + ^y*+x/y%2<<1>>1&y | x ^ y
	_ = !(x == y) && x != y || x <= y && x >= y
}
