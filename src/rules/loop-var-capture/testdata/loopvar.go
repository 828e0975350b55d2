package loopvar

import (
	"fmt"
	"sync"
)

func goInRange(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name) // want `loop variable name captured by func literal \(go statement\); before Go 1\.22`
		}()
	}
}

func goInThreeClause(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(i, i) // want "loop variable i captured"
		}()
	}
	wg.Wait()
}

func deferInLoop(files []string) {
	for _, f := range files {
		defer func() {
			fmt.Println("closing", f) // want "loop variable f captured by func literal \\(defer statement\\)"
		}()
	}
}

func goInLastBranch(m map[string]int) {
	for k, v := range m {
		if v > 0 {
			go func() {
				fmt.Println(k, v) // want "loop variable k captured" "loop variable v captured"
			}()
		} else {
			fmt.Println(k)
		}
	}
}

func waitGroupGo(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() {
			fmt.Println(it) // want `loop variable it captured by func literal \(Go call\)`
		})
	}
	wg.Wait()
}

func stored(items []int) []func() {
	var fns []func()
	handlers := map[int]func(){}
	for idx, it := range items {
		fns = append(fns, func() { fmt.Println(it) }) // want "loop variable it captured by func literal \\(stored for later\\)"
		handlers[idx] = func() { fmt.Println(idx) }   // want "loop variable idx captured"
	}
	return fns
}

func nestedLoops(rows [][]int) {
	for r, row := range rows {
		for _, cell := range row {
			go func() {
				fmt.Println(r, cell) // want "loop variable r captured" "loop variable cell captured"
			}()
		}
	}
}

// Near misses.

func passedAsArgument(names []string) {
	for _, name := range names {
		go func(name string) {
			fmt.Println(name)
		}(name)
	}
}

func copiedFirst(names []string) {
	for _, name := range names {
		name := name
		go func() {
			fmt.Println(name)
		}()
	}
}

func waitedInIteration(names []string) {
	for _, name := range names {
		done := make(chan bool)
		go func() {
			fmt.Println(name)
			done <- true
		}()
		<-done
	}
}

func calledNow(names []string) {
	for _, name := range names {
		func() {
			fmt.Println(name)
		}()
		f := func() { fmt.Println(name) }
		f()
	}
}

func assignedOutsideLoopVar(items []int) {
	for _, it := range items {
		var local []func()
		local = append(local, func() { fmt.Println(it) })
		local[0]()
	}
}

func notALoopVar(names []string) {
	var last string
	for _, last = range names {
	}
	for i := 0; i < 3; i++ {
		go func() {
			fmt.Println(last)
		}()
	}
}

var hook func() string

func replacedHook(names []string, run func() string) {
	for _, name := range names {
		hook = func() string { return name }
		run()
	}
}
