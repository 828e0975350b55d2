package p

import "strings"

type Color int

var sb strings.Builder

var sbLen = sb.Len()

const (
	Red Color = iota
	Green
	Blue
)

const (
	a = 1 << iota
	b
	c = "s"
	d
)

type Point struct{ X, Y int }

func (p Point) Add(q Point) Point { return Point{p.X + q.X, p.Y + q.Y} }
func (p *Point) Scale(k int)      { p.X *= k; p.Y *= k }

type Named struct {
	*Point
	Name string
}

type List[T any] struct {
	next *List[T]
	val  T
}

func (l *List[T]) Push(v T) *List[T] { return &List[T]{l, v} }

func Map[S ~[]E, E, R any](s S, f func(E) R) []R {
	r := make([]R, 0, len(s))
	for _, v := range s {
		r = append(r, f(v))
	}
	return r
}

func Sum[T int | float64](xs ...T) (t T) {
	for _, x := range xs {
		t += x
	}
	return
}

func f(m map[string]int, e interface{}, ch chan int, s string, arr *[4]byte) {
	v, ok := m["k"]
	n, isInt := e.(int)
	r, open := <-ch
	_, _, _, _, _, _ = v, ok, n, isInt, r, open
	pts := []Point{{1, 2}, {X: 3}}
	grid := [...][2]int{{1, 2}, {3, 4}, 5: {}}
	pm := map[string]*Point{"a": {1, 2}}
	nm := Named{&Point{}, "x"}
	add := nm.Add
	scale := (*Point).Scale
	addExpr := Point.Add
	_ = nm.X + len(grid) + cap(arr) + len(pm)
	_, _, _ = add, scale, addExpr
	var u8 uint8 = 200
	sh := u8 << 1
	cmp := u8 > 3
	var f32 float32 = 1.5
	cx := complex(f32, 2)
	_, _, _ = sh, cmp, cx
	b0 := s[1]
	sub := s[1:2]
	ab := arr[1:]
	_, _, _ = b0, sub, ab
	strs := Map(pts, func(p Point) string { return string(rune(p.X)) })
	tot := Sum(1.5, 2.5)
	l := (&List[int]{}).Push(3)
	_, _, _ = strs, tot, l
	switch x := e.(type) {
	case int, string:
		_ = x
	case Point:
		_ = x.Y
	case nil:
	}
	for i, r := range s {
		_, _ = i, r
	}
	for k := range m {
		_ = k
	}
	for x := range ch {
		_ = x
	}
	copy(pts, pts)
	delete(m, "k")
	_ = append([]byte(nil), s...)
	_ = new(int)
	_ = Red + 1
	_ = a + b
	_ = d
	fn := func(x int) int { return x * 2 }
	_ = fn(3)
}
