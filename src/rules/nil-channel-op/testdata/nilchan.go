package nilchan

import "time"

// --- positives ---

func Collect(inputs []int, work func(int) int) []int {
	var results chan int
	for _, in := range inputs {
		go func(in int) {
			results <- work(in)
		}(in)
	}
	out := make([]int, 0, len(inputs))
	for range inputs {
		out = append(out, <-results) // want `receive from nil channel results blocks forever: results is declared nil \(line 8\) and no path to here assigns it`
	}
	return out
}

func send() {
	var ch chan int
	go func() {
		ch = nil
	}()
	var errs chan error
	errs <- nil // want `send on nil channel errs blocks forever`
	_ = ch
}

func rangeNil() int {
	var jobs chan int = nil
	sum := 0
	for j := range jobs { // want `range over nil channel jobs blocks forever`
		sum += j
	}
	return sum
}

func waitDone() {
	var done chan struct{}
	go func() {
		time.Sleep(time.Second)
	}()
	<-done // want `receive from nil channel done blocks forever`
}

// The make sits on a path that returns.
func branchReturns(fast bool) int {
	var ch chan int
	if fast {
		ch = make(chan int, 1)
		ch <- 1
		return <-ch
	}
	go func() { println("slow") }()
	v := <-ch // want `receive from nil channel ch blocks forever: ch is declared nil \(line 50\)`
	return v
}

func deadCase(in <-chan int) int {
	var quit chan struct{}
	for {
		select {
		case v := <-in:
			return v
		case <-quit: // want `this select case on quit can never proceed: quit is declared nil \(line 62\) and nothing in the function makes it`
			return 0
		}
	}
}

func sendCase(v int) {
	var out chan<- int
	select {
	case out <- v: // want `this select case on out can never proceed`
	case <-time.After(time.Second):
	}
}

// --- negatives ---

func made() int {
	var ch chan int
	ch = make(chan int, 1)
	ch <- 1
	return <-ch
}

func maybeMade(buffered bool) chan int {
	var ch chan int
	if buffered {
		ch = make(chan int, 1)
	}
	go func() { ch <- 1 }()
	<-ch
	return ch
}

// The nil-channel idiom: a case switched off once its channel is drained.
func merge(a, b <-chan int, out chan<- int) {
	ac, bc := a, b
	var none chan int = nil
	_ = none
	for ac != nil || bc != nil {
		select {
		case v, ok := <-ac:
			if !ok {
				ac = nil
				continue
			}
			out <- v
		case v, ok := <-bc:
			if !ok {
				bc = nil
				continue
			}
			out <- v
		}
	}
}

// A send case enabled only when there is something to send.
func pump(in <-chan int, outCh chan<- int) {
	var pending []int
	var out chan<- int
	var next int
	for {
		select {
		case v := <-in:
			pending = append(pending, v)
		case out <- next:
			pending = pending[1:]
		}
		out = nil
		if len(pending) > 0 {
			out = outCh
			next = pending[0]
		}
	}
}

func addressTaken(init func(*chan int)) int {
	var ch chan int
	init(&ch)
	return <-ch
}

func closureMakes() int {
	var ch chan int
	setup := func() { ch = make(chan int, 1) }
	setup()
	ch <- 1
	return <-ch
}

// Blocking forever on purpose.
func blockForever() {
	var forever chan struct{}
	<-forever
}

func param(ch chan int) int {
	return <-ch
}

func multiAssign(mk func() (chan int, error)) int {
	var ch chan int
	var err error
	ch, err = mk()
	if err != nil {
		return 0
	}
	return <-ch
}
