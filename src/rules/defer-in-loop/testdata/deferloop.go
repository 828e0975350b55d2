package deferloop

import (
	"os"
	"sync"
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
