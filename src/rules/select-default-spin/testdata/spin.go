package spin

import (
	"runtime"
	"sync/atomic"
	"time"
)

func drain(jobs <-chan int, quit <-chan struct{}, handle func(int)) {
	for {
		select {
		case j := <-jobs:
			handle(j)
		case <-quit:
			return
		default: // want `default case makes this for-select a busy loop`
		}
	}
}

func counting(ch <-chan string, seen map[string]int) {
	misses := 0
	for {
		misses += 0
		select {
		case s := <-ch:
			seen[s]++
		default: // want "default case makes this for-select a busy loop"
			misses++
			if misses > len(seen) {
				misses = int(int32(misses))
			}
		}
	}
}

func breakInDefault(ch <-chan int) {
	for {
		select {
		case v := <-ch:
			println(v)
		default: // want "busy loop"
			break
		}
	}
}

func continueInDefault(ch chan int) {
	for {
		select {
		case ch <- 1:
		default: // want "busy loop"
			continue
		}
	}
}

func blockForever() {
	for { // want `empty for loop spins at 100% CPU forever: to block forever use select \{\}`
	}
}

// Near misses.

func blocking(jobs <-chan int, quit <-chan struct{}) {
	for {
		select {
		case <-jobs:
		case <-quit:
			return
		}
	}
}

func sleeps(jobs <-chan int) {
	for {
		select {
		case <-jobs:
		default:
			time.Sleep(10 * time.Millisecond)
		}
	}
}

func yields(jobs <-chan int) {
	for {
		select {
		case <-jobs:
		default:
			runtime.Gosched()
		}
	}
}

func leaves(jobs <-chan int) int {
	n := 0
	for {
		select {
		case <-jobs:
			n++
		default:
			return n
		}
	}
}

func workBetweenPolls(stop <-chan struct{}, work func()) {
	for {
		work()
		select {
		case <-stop:
			return
		default:
		}
	}
}

func boundedTries(ch chan<- int, v int) bool {
	for i := 0; i < 3; i++ {
		select {
		case ch <- v:
			return true
		default:
		}
	}
	return false
}

func spinUntilFlag(flag *int32, ch <-chan int) {
	for atomic.LoadInt32(flag) == 0 {
		select {
		case <-ch:
		default:
		}
	}
}

func blockWithSelect() {
	select {}
}
