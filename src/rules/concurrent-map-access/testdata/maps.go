package maps

import (
	"fmt"
	"sync"
)

var m = make(map[string]int)

func consumer() {
	for i := 0; i < 100000; i++ {
		_ = m["x"]
	}
}

func producer() {
	for i := 0; i < 100000; i++ {
		m["y"] = i // want `map m is written in a goroutine with no lock while the goroutine started at line 23 reads it at line 12`
	}
}

func seed() {
	go consumer()
	go producer()
	select {}
}

// --- positives ---

func perKey(keys []string) {
	hits := map[string]int{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			hits[k]++ // want `map hits is written in a goroutine with no lock while the goroutine started at line 35 runs once per iteration`
		}(k)
	}
	wg.Wait()
}

func readAfterGo() int {
	cache := map[int]int{}
	go func() {
		cache[1] = 1 // want `map cache is written .* the function that starts the goroutine \(line 45\) uses it at line 48`
	}()
	return cache[1]
}

func deleter(seen map[string]bool) {
	for i := 0; i < 3; i++ {
		go func() {
			delete(seen, "x") // want `map seen is written in a goroutine`
		}()
	}
}

func twoWriters() {
	idx := map[string]int{}
	go func() {
		idx["a"] = 1 // want `the goroutine started at line 64 writes it at line 65`
	}()
	go func() {
		idx["b"] = 2 // want `the goroutine started at line 61 writes it at line 62`
	}()
}

var registry = map[string]func(){}

func register(names []string) {
	for _, n := range names {
		go func(n string) {
			registry[n] = func() { fmt.Println(n) } // want `map registry is written`
		}(n)
	}
}

// --- negatives ---

func locked(keys []string) {
	var mu sync.Mutex
	hits := map[string]int{}
	for _, k := range keys {
		go func(k string) {
			mu.Lock()
			defer mu.Unlock()
			hits[k]++
		}(k)
	}
}

func waited() int {
	res := map[int]int{}
	done := make(chan struct{})
	go func() {
		res[1] = 1
		close(done)
	}()
	<-done
	return res[1]
}

func waitGroup() map[int]int {
	res := map[int]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		res[1] = 1
	}()
	wg.Wait()
	return res
}

func perIterationMap(n int) {
	for i := 0; i < n; i++ {
		local := map[int]int{}
		go func() {
			local[i] = i
		}()
	}
}

func syncMap(keys []string) {
	var sm sync.Map
	for _, k := range keys {
		go func(k string) {
			sm.Store(k, 1)
		}(k)
	}
}

func readersOnly(keys []string) {
	table := map[string]int{"a": 1}
	for _, k := range keys {
		go func(k string) {
			fmt.Println(table[k])
		}(k)
	}
}

func beforeGo() {
	m2 := map[int]int{}
	m2[0] = 1
	go func() {
		m2[1] = 1
	}()
}

func ownMap() {
	go func() {
		own := map[int]int{}
		own[1] = 1
		fmt.Println(own)
	}()
}
