package pins

import "testing"

func firstOf(foos []Foo) []Foo { return foos[:1] } // test files are not reported

func TestFirst(t *testing.T) {
	if len(firstOf(make([]Foo, 3))) != 1 {
		t.Fatal("len")
	}
}
