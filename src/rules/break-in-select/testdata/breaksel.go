package breaksel

import "time"

func worker(stopCh chan struct{}) {
	timer := time.NewTicker(time.Second)
	defer timer.Stop()
	for {
		select {
		case <-stopCh:
			println("stop signal received")
			break // want `break ends the select statement, not the enclosing for loop`
		case <-timer.C:
			println("do something")
		}
	}
}

func onlyBreak(jobs <-chan int, quit <-chan bool) int {
	n := 0
	for {
		select {
		case <-quit:
			break // want "break ends the select statement"
		case j := <-jobs:
			n += j
		}
	}
}

func inSwitch(tokens []string) []string {
	var out []string
	for _, t := range tokens {
		switch t {
		case "end":
			println("end")
			break // want "break ends the switch statement, not the enclosing for loop"
		default:
			out = append(out, t)
		}
	}
	return out
}

func inIfAtEnd(msgs <-chan string, done <-chan struct{}) {
	for {
		select {
		case m := <-msgs:
			if m == "quit" {
				println("quitting")
				break // want "break ends the select statement"
			} else {
				println(m)
			}
		case <-done:
			return
		}
	}
}

func typeSwitch(vals []any) {
	for i := 0; i < len(vals); i++ {
		if vals[i] != nil {
			switch vals[i].(type) {
			case error:
				println("error")
				break // want "break ends the switch statement"
			}
		}
	}
}

// Near misses.

func labeled(stopCh chan struct{}) {
loop:
	for {
		select {
		case <-stopCh:
			break loop
		default:
		}
	}
}

func earlyBreakInCase(msgs <-chan string) {
	for m := range msgs {
		switch {
		case m == "":
			if len(m) == 0 {
				break
			}
			println("never")
		default:
			println(m)
		}
	}
}

func notInLoop(c chan int) {
	select {
	case <-c:
		println("got")
		break
	default:
	}
}

func breakOfLoop(c chan int) {
	for {
		v := <-c
		if v == 0 {
			break
		}
	}
}

func inClosure(c chan int) {
	for i := 0; i < 3; i++ {
		go func() {
			select {
			case <-c:
				break
			default:
			}
		}()
	}
}

func innerLoopBreak(rows [][]int) {
	for _, row := range rows {
		switch len(row) {
		case 0:
		default:
			for _, v := range row {
				if v < 0 {
					break
				}
			}
		}
	}
}

func nothingToDo(events []int, handle func(int)) {
	for _, e := range events {
		switch e {
		case 0:
			break
		default:
			handle(e)
		}
	}
}

func cStyle(codes []int, write func(int)) {
	for i := 0; i < len(codes); i++ {
		switch codes[i] {
		case 16:
			write(2)
			break
		case 17:
			write(3)
			break
		}
	}
}
