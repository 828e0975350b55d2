package files

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"log"
	"os"
)

// --- positives ---

func statBeforeDefer(path string, v any) error {
	f, err := os.Open(path) // want `file opened by os.Open is not closed when the function returns at line 21`
	if err != nil {
		return err
	}
	st, err := f.Stat()
	if err != nil {
		return err
	}
	defer f.Close()
	if st.Size() == 0 {
		return errors.New("empty")
	}
	return json.NewDecoder(f).Decode(v)
}

func countLines(path string) (int, error) {
	f, err := os.Open(path) // want `file opened by os.Open is not closed when the function returns at line 40`
	if err != nil {
		return 0, err
	}
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
	}
	return n, sc.Err()
}

func write(path string, data []byte) error {
	f, err := os.Create(path) // want `file opened by os.Create is not closed when the function returns at line 49`
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}

func appendLog(path, line string) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644) // want `file opened by os.OpenFile is not closed when the function ends at line 57`
	if err == nil {
		_, _ = io.WriteString(f, line)
	}
}

func touch(path string) {
	os.Create(path) // want `file opened by os.Create is not closed because the result is dropped`
}

func scratch() error {
	f, err := os.CreateTemp("", "x") // want `file opened by os.CreateTemp is not closed when the function returns at line 68`
	if err != nil {
		return err
	}
	return os.Remove(f.Name())
}

// --- negatives ---

func deferred(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func closeFile(f *os.File) {
	if err := f.Close(); err != nil {
		log.Print(err)
	}
}

func helper(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer closeFile(f)
	return nil
}

func closure(path string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	_, err = f.WriteString("x")
	return err
}

func opened(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func openDirect(path string) (*os.File, error) {
	return os.Open(path)
}

type logger struct{ out *os.File }

func (l *logger) reopen(path string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	l.out = f
	return nil
}

func everyBranch(path string, mode int) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	switch mode {
	case 0:
		return f.Close()
	case 1:
		f.Close()
	default:
		f.Close()
		return errors.New("mode")
	}
	return nil
}

func fatal(path string) {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		log.Fatalf("stat: %v", err)
	}
	log.Print(st.Size())
	f.Close()
}

func wrapped(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{bufio.NewReader(f), f}, nil
}

func pathErrorChecked(path string, size int64) (bool, error) {
	f, err := os.Open(path)
	if pErr, ok := err.(*os.PathError); ok {
		log.Print(pErr.Err)
		return size == 0, nil
	}
	defer f.Close()
	return true, nil
}

func notExist(path string) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}
