package wgadd

import "sync"

type pool struct {
	wg sync.WaitGroup
}

func firstStatement(items []string, handle func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		go func(it string) {
			wg.Add(1) // want `wg\.Add called inside the goroutine it counts: wg\.Wait may run first`
			defer wg.Done()
			handle(it)
		}(it)
	}
	wg.Wait()
}

func afterDeferDone(n int, work func()) {
	wg := &sync.WaitGroup{}
	for i := 0; i < n; i++ {
		go func() {
			defer wg.Done()
			wg.Add(1) // want "wg.Add called inside the goroutine it counts"
			work()
		}()
	}
	wg.Wait()
}

func (p *pool) field(work func()) {
	go func() {
		p.wg.Add(1) // want `p\.wg\.Add called inside the goroutine`
		defer p.wg.Done()
		work()
	}()
	p.wg.Wait()
}

func pointerParam(wg *sync.WaitGroup, work func() int) {
	go func() {
		v := work()
		wg.Add(1) // want "wg.Add called inside the goroutine it counts"
		_ = v
		wg.Done()
	}()
}

func onlyAdd(wg *sync.WaitGroup) {
	go func() {
		(&*wg).Add(1) // want "Add called inside the goroutine it counts"
	}()
}

// Near misses.

func addBefore(items []string, handle func(string)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(it string) {
			defer wg.Done()
			handle(it)
		}(it)
	}
	wg.Wait()
}

func subWorkers(wg *sync.WaitGroup, parts [][]int, sum func([]int)) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, p := range parts {
			wg.Add(1)
			go func(p []int) {
				defer wg.Done()
				sum(p)
			}(p)
		}
	}()
	wg.Wait()
}

func addForChild(outer, inner *sync.WaitGroup, work func()) {
	outer.Add(1)
	go func() {
		defer outer.Done()
		work()
		inner.Add(1)
		go func() {
			defer inner.Done()
			work()
		}()
	}()
}

func otherGroup(a, b *sync.WaitGroup, work func()) {
	go func() {
		defer a.Done()
		work()
		b.Add(1)
	}()
}

func namedFunc(wg *sync.WaitGroup) {
	go start(wg)
}

func start(wg *sync.WaitGroup) {
	wg.Add(1)
	defer wg.Done()
}
