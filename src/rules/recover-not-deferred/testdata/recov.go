package recov

import "log"

func deferredRecoverItself(job func()) {
	defer recover() // want `defer recover\(\) does not stop a panic`
	job()
}

func checkedUpFront(job func()) {
	if r := recover(); r != nil { // want `recover\(\) in checkedUpFront returns nil: checkedUpFront is only ever called directly`
		log.Println(r)
	}
	job()
}

func Run(job func()) { checkedUpFront(job) }

func logPanic() {
	if r := recover(); r != nil { // want "recover\\(\\) in logPanic returns nil"
		log.Println("recovered:", r)
	}
}

func helperCalledFromDefer(job func()) {
	defer func() {
		logPanic()
	}()
	job()
}

func nestedLiteral(job func()) {
	defer func() {
		func() {
			recover() // want `recover\(\) in a func literal called directly, not deferred`
		}()
	}()
	job()
}

func inGoroutine(job func()) {
	go func() {
		if r := recover(); r != nil { // want "recover\\(\\) in a func literal started by go, not deferred"
			log.Println(r)
		}
		job()
	}()
}

func init() {
	_ = recover() // want `recover\(\) called directly in init always returns nil`
}

// Near misses.

func protected(job func()) {
	defer func() {
		if r := recover(); r != nil {
			log.Println(r)
		}
	}()
	job()
}

func handlePanic() {
	if r := recover(); r != nil {
		log.Println(r)
	}
}

func namedHelperDeferred(job func()) {
	defer handlePanic()
	job()
}

type server struct{}

func (s *server) recoverPanic() {
	if r := recover(); r != nil {
		log.Println(r)
	}
}

func (s *server) serve(job func()) {
	defer s.recoverPanic()
	job()
}

// Recover may be deferred by other packages.
func Recover() {
	if r := recover(); r != nil {
		log.Println(r)
	}
}

func storedLiteral(job func()) {
	guard := func() {
		if r := recover(); r != nil {
			log.Println(r)
		}
	}
	defer guard()
	job()
}

func parenthesized(job func()) {
	defer (func() {
		recover()
	})()
	job()
}
