package deferloop

import (
	"context"
	"os"
	"sync"
	"time"
)

func readFiles(c chan string) error {
	for f := range c {
		file, err := os.Open(f)
		if err != nil {
			return err
		}
		defer file.Close() // want `defer file\.Close\(\) in a loop runs only when the function returns`
	}
	return nil
}

func lockEach(mu *sync.Mutex, items []int, f func(int)) {
	for _, it := range items {
		mu.Lock()
		defer mu.Unlock() // want "defer mu.Unlock\\(\\) in a loop"
		f(it)
	}
}

func literal(paths []string) {
	for i := 0; i < len(paths); i++ {
		f, err := os.Create(paths[i])
		if err != nil {
			continue
		}
		defer func() { // want "deferred call in a loop runs only when the function returns"
			f.Close()
		}()
	}
}

func inSwitch(paths []string) {
	for _, p := range paths {
		switch p {
		case "":
		default:
			f, _ := os.Open(p)
			defer f.Close() // want "in a loop runs only when the function returns"
			break
		}
	}
}

func nested(rows [][]string) {
	for _, row := range rows {
		if len(row) > 0 {
			for _, p := range row {
				f, _ := os.Open(p)
				defer f.Close() // want "defer f.Close\\(\\) in a loop"
			}
		}
	}
}

// Near misses.

func perIterationFunc(paths []string) {
	for _, p := range paths {
		func() {
			f, err := os.Open(p)
			if err != nil {
				return
			}
			defer f.Close()
		}()
	}
}

func firstMatch(paths []string) (*os.File, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		return nil, nil
	}
	return nil, os.ErrNotExist
}

func retryUntilOpen(p string, mu *sync.Mutex) {
	for {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		mu.Lock()
		defer mu.Unlock()
		_ = f
		break
	}
}

func onceInBranch(paths []string) {
	for _, p := range paths {
		if p == "main" {
			f, _ := os.Open(p)
			defer f.Close()
			break
		}
	}
}

func outsideLoop(p string) {
	f, _ := os.Open(p)
	defer f.Close()
	for i := 0; i < 3; i++ {
		go func() {
			defer f.Sync()
		}()
	}
}

func breakInNestedSelect(paths []string, stop <-chan struct{}) {
	for _, p := range paths {
		switch {
		case p != "":
			select {
			case <-stop:
			default:
				f, _ := os.Open(p)
				defer f.Close() // want "defer f.Close\\(\\) in a loop"
				break
			}
		}
	}
}

// Near misses found on the standard library and golang.org/x.

type resolver struct{ depth int }

func (r *resolver) openScope()  { r.depth++ }
func (r *resolver) closeScope() { r.depth-- }

// go/parser's resolver: the scopes opened per type spec close at the function's exit on purpose.
func (r *resolver) walkSpecs(specs []string) {
	for range specs {
		r.openScope()
		defer r.closeScope()
	}
}

type node struct {
	mu     sync.Mutex
	parent *node
	done   bool
}

// testing's logDepth: a different mutex per iteration, held up the chain on purpose.
func (n *node) logUp() {
	for p := n.parent; p != nil; p = p.parent {
		p.mu.Lock()
		defer p.mu.Unlock()
		if !p.done {
			return
		}
	}
}

// net's dialSerial: a cancel per address frees memory the return frees as well.
func dialEach(ctx context.Context, addrs []string, dial func(context.Context, string) error) {
	for _, a := range addrs {
		c, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if dial(c, a) == nil {
			return
		}
	}
}

// net/http's roundTrip: a timer stopped at the exit.
func waitResponse(writeErr <-chan error, resp <-chan int) int {
	var timeout <-chan time.Time
	for {
		select {
		case <-writeErr:
			t := time.NewTimer(time.Second)
			defer t.Stop()
			timeout = t.C
		case r := <-resp:
			return r
		case <-timeout:
			return 0
		}
	}
}

// Files opened before the loop, closed at the exit: nothing piles up per iteration.
func closeAll(files []*os.File) {
	for _, f := range files {
		defer f.Close()
	}
}

// ssh/knownhosts' New: a file per argument stays open until the function returns.
func readHostFiles(files ...string) error {
	for _, fn := range files {
		f, err := os.Open(fn)
		if err != nil {
			return err
		}
		defer f.Close() // want "defer f.Close\\(\\) in a loop"
	}
	return nil
}

// A deferred literal that checks the error of the close.
func closeChecked(paths []string) (err error) {
	for _, p := range paths {
		f, oerr := os.Open(p)
		if oerr != nil {
			return oerr
		}
		defer func() { // want "deferred call in a loop"
			if cerr := f.Close(); cerr != nil && err == nil {
				err = cerr
			}
		}()
	}
	return nil
}
