package defereager

import (
	"errors"
	"fmt"
	"log"
	"os"
	"sync"
	"time"
)

func accumulate(nums []int) int {
	var sum int
	defer fmt.Printf("sum = %d\n", sum) // want `fmt\.Printf is deferred with the value sum has now, but sum is assigned again later \(line 16\)`
	for _, num := range nums {
		sum += num
	}
	return sum
}

func timed() {
	start := time.Now()
	defer log.Printf("took %v", time.Since(start)) // want `time\.Since\(start\) in the arguments of a deferred call is evaluated at the defer statement`
	work()
}

func until(deadline time.Time) {
	defer report(time.Until(deadline)) // want "time.Until\\(deadline\\) in the arguments"
	work()
}

func nowSub(start time.Time) {
	defer report(time.Now().Sub(start)) // want "time.Now\\(\\).Sub\\(start\\) in the arguments"
	work()
}

func closureArgs(start time.Time) {
	defer func(d time.Duration) { log.Println(d) }(time.Since(start)) // want "time.Since\\(start\\) in the arguments"
	work()
}

func lastError() (n int) {
	var err error
	defer logErr(err) // want "logErr is deferred with the value err has now"
	n, err = step()
	if err != nil {
		return 0
	}
	return n
}

func counter(items []string) {
	count := 0
	defer log.Println("processed", count) // want "count is assigned again later"
	for range items {
		count++
	}
}

func flag() bool {
	ok := false
	defer setDone(ok) // want "setDone is deferred with the value ok has now"
	if work2() {
		ok = true
	}
	return ok
}

func inLoop(items []int) {
	for _, it := range items {
		total := 0
		defer fmt.Println(total) // want "total is assigned again later"
		total += it
	}
}

// Near misses.

func closure(nums []int) int {
	var sum int
	defer func() { fmt.Printf("sum = %d\n", sum) }()
	for _, num := range nums {
		sum += num
	}
	return sum
}

func timedClosure() {
	start := time.Now()
	defer func() { log.Println(time.Since(start)) }()
	work()
}

func traceStart(name string, start time.Time) { log.Println(name, time.Since(start)) }

func timeNowArg() {
	defer traceStart("op", time.Now())
	work()
}

func unlock(mu *sync.Mutex, wg *sync.WaitGroup) {
	mu.Lock()
	defer mu.Unlock()
	defer wg.Done()
}

func pointer() {
	var x int
	defer cleanup(&x)
	x = 3
}

func reusedFile(a, b string) error {
	f, err := os.Open(a)
	if err != nil {
		return err
	}
	defer f.Close()
	f, err = os.Open(b)
	if err != nil {
		return err
	}
	defer f.Close()
	return nil
}

func loopVar(n int) {
	for i := 0; i < n; i++ {
		defer fmt.Println(i)
	}
}

func perIteration(items []string) {
	var current string
	for _, it := range items {
		current = it
		defer fmt.Println(current)
	}
}

func notAfter() {
	n := 1
	n++
	defer fmt.Println(n)
}

func earlyReturn(flag bool) {
	n := 1
	if flag {
		defer fmt.Println(n)
		return
	}
	n = 2
	fmt.Println(n)
}

func removeTemp() error {
	dir, err := os.MkdirTemp("", "x")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	dir = dir + "/sub"
	return os.Mkdir(dir, 0o700)
}

func sliceArg(buf []byte) {
	defer use(buf)
	buf = append(buf, 1)
	_ = buf
}

func explicitSnapshot(nums []int) {
	sum := 0
	defer func(s int) { fmt.Println("before:", s) }(sum)
	for _, n := range nums {
		sum += n
	}
}

func work()                   {}
func work2() bool             { return true }
func report(time.Duration)    {}
func logErr(error)            {}
func setDone(bool)            {}
func cleanup(*int)            {}
func use([]byte)              {}
func step() (int, error)      { return 0, errors.New("x") }
