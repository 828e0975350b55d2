package nilmap

import "strings"

func seed() {
	var m map[string]int
	println(m["a"])
	m["a"] = 1 // want `assignment to an entry of nil map m panics at run time: m is declared nil \(line 6\)`
}

func count(words []string) map[string]int {
	var counts map[string]int
	for _, w := range words {
		counts[w]++ // want "nil map counts"
	}
	return counts
}

func explicitNil(keys []string) map[string]bool {
	var set map[string]bool = nil
	for _, k := range keys {
		set[k] = true // want "nil map set"
	}
	return set
}

func namedResult(s string) (fields map[string]string) {
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, "=")
		fields[k] = v // want "fields is a named result that starts out nil"
	}
	return
}

type registry struct {
	name  string
	byID  map[int]string
	count int
}

func structField() registry {
	var r registry
	r.name = "x"
	r.byID[1] = "one" // want `nil map r\.byID panics.*left nil by the declaration of r \(line 42\)`
	return r
}

func literalField() registry {
	r := registry{name: "x"}
	r.byID[2] += "two" // want "nil map r.byID"
	return r
}

func bothBranches(flag bool) map[string]int {
	var m map[string]int
	if flag {
		println("yes")
	} else {
		println("no")
	}
	m["k"] = 1 // want "nil map m"
	return m
}

func inLoopDecl(n int) {
	for i := 0; i < n; i++ {
		var seen map[int]bool
		seen[i] = true // want "nil map seen"
	}
}

func inClosure() func() {
	return func() {
		var m map[string]int
		m["x"] = 1 // want "nil map m"
	}
}

// Near misses.

func made() map[string]int {
	m := make(map[string]int)
	m["a"] = 1
	return m
}

func assignedOnOnePath(flag bool) map[string]int {
	var m map[string]int
	if flag {
		m = map[string]int{}
	}
	m["a"] = 1 // may be nil, may not: silent
	return m
}

func lazyInit(words []string) map[string]int {
	var m map[string]int
	for _, w := range words {
		if m == nil {
			m = make(map[string]int)
		}
		m[w]++
	}
	return m
}

func guardedWrite(m0 map[string]int) {
	var m map[string]int
	if m != nil {
		m["a"] = 1
	}
	for k := range m {
		m[k] = 2
	}
	_ = m0
}

func fill(p *map[string]int) { *p = map[string]int{} }

func addressTaken() {
	var m map[string]int
	fill(&m)
	m["a"] = 1
}

func fromCall() {
	var m map[string]int
	m = make(map[string]int, 4)
	m["a"] = 1
}

func closureAssigns() {
	var m map[string]int
	init := func() { m = map[string]int{} }
	init()
	m["a"] = 1
}

type table map[string]int

func (t *table) reset() { *t = table{} }

func pointerMethod() {
	var t table
	t.reset()
	t["a"] = 1
}

func literalSetsField() registry {
	r := registry{byID: map[int]string{}}
	r.byID[1] = "one"
	return r
}

func fieldAssigned() registry {
	var r registry
	r.byID = make(map[int]string)
	r.byID[1] = "one"
	return r
}

func positional() registry {
	r := registry{"x", map[int]string{}, 0}
	r.byID[1] = "one"
	return r
}

func param(m map[string]int) {
	m["a"] = 1
}

func pointerStruct() *registry {
	r := &registry{}
	r.byID = map[int]string{}
	r.byID[1] = "one"
	return r
}

func otherPathPanics(flag bool) {
	var m map[string]int
	if flag {
		m = map[string]int{}
	} else {
		panic("no map")
	}
	m["a"] = 1
}

func redeclared(get func() (map[string]int, error)) error {
	var m map[string]int
	m, err := get()
	if err != nil {
		return err
	}
	m["a"] = 1
	return nil
}
