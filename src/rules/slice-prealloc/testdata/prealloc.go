package prealloc

import "strconv"

type user struct{ name string }

func names(users []user) []string {
	var out []string // want `out grows by append on every iteration of a loop whose length is known.*make\(\[\]string, 0, len\(users\)\)`
	for _, u := range users {
		out = append(out, u.name)
	}
	return out
}

func keys(m map[string]int) []string {
	ks := []string{} // want `make\(\[\]string, 0, len\(m\)\)`
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func squares(n int) []int {
	sq := make([]int, 0) // want `make\(\[\]int, 0, n\)`
	for i := 0; i < n; i++ {
		v := i * i
		sq = append(sq, v)
	}
	return sq
}

func pairs(xs []int) []string {
	var out []string // want `make\(\[\]string, 0, 2\*len\(xs\)\)`
	for _, x := range xs {
		out = append(out, strconv.Itoa(x), "-")
	}
	return out
}

func overInt(n int) []user {
	us := []user(nil) // want `make\(\[\]user, 0, n\)`
	for i := range n {
		us = append(us, user{name: strconv.Itoa(i)})
	}
	return us
}

func lenBound(xs []float64) []float64 {
	var out []float64 // want "make\\(\\[\\]float64, 0, len\\(xs\\)\\)"
	for i := 0; i < len(xs); i++ {
		switch {
		case xs[i] < 0:
			break
		}
		out = append(out, xs[i]*2)
	}
	return out
}

// Near misses.

func conditional(users []user) []string {
	var out []string
	for _, u := range users {
		if u.name != "" {
			out = append(out, u.name)
		}
	}
	return out
}

func withBreak(xs []int) []int {
	var out []int
	for _, x := range xs {
		if x < 0 {
			break
		}
		out = append(out, x)
	}
	return out
}

func continueInSwitch(xs []int) []int {
	var out []int
	for _, x := range xs {
		switch {
		case x < 0:
			continue
		}
		out = append(out, x)
	}
	return out
}

func withReturn(xs []int) ([]int, error) {
	var out []int
	for _, x := range xs {
		if x < 0 {
			return nil, strconv.ErrRange
		}
		out = append(out, x)
	}
	return out, nil
}

func usedBefore(xs []int, seed int) []int {
	var out []int
	out = append(out, seed)
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}

func channel(c chan int) []int {
	var out []int
	for x := range c {
		out = append(out, x)
	}
	return out
}

func spread(xss [][]int) []int {
	var out []int
	for _, xs := range xss {
		out = append(out, xs...)
	}
	return out
}

func preallocated(xs []int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		out = append(out, x)
	}
	return out
}

func unknownTrip(next func() (int, bool)) []int {
	var out []int
	for v, ok := next(); ok; v, ok = next() {
		out = append(out, v)
	}
	return out
}

func readInLoop(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x+len(out))
	}
	return out
}

func boundChanges(n int) []int {
	var out []int
	for i := 0; i < n; i++ {
		out = append(out, i)
		if i == 3 {
			n--
		}
	}
	return out
}

func iterFunc(seq func(func(int) bool)) []int {
	var out []int
	for x := range seq {
		out = append(out, x)
	}
	return out
}

func fromCall(list func() []string) []string {
	var out []string // want `make\(\[\]string, 0, n\), where n is the length of list\(\) computed before the loop`
	for _, s := range list() {
		out = append(out, s+"!")
	}
	return out
}
