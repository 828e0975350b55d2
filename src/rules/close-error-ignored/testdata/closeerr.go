package closeerr

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"os"
	"syscall"
)

// --- positives ---

func writeToFile(filename string, content []byte) error {
	f, err := os.OpenFile(filename, os.O_APPEND|os.O_WRONLY, os.ModeAppend)
	if err != nil {
		return err
	}
	defer f.Close() // want `defer f.Close\(\) drops the error of closing a file this function writes \(opened by os.OpenFile at line 16\)`
	_, err = f.Write(content)
	return err
}

func create(name string, v any) error {
	out, err := os.Create(name)
	if err != nil {
		return err
	}
	defer out.Close() // want `defer out.Close\(\) drops the error .* \(opened by os.Create at line 26\)`
	return json.NewEncoder(out).Encode(v)
}

func copyTo(name string, r io.Reader) (int64, error) {
	f, err := os.OpenFile(name, os.O_CREATE|os.O_TRUNC|os.O_RDWR, 0o644)
	if err != nil {
		return 0, err
	}
	defer f.Close() // want `opened by os.OpenFile at line 35`
	return io.Copy(f, r)
}

func temp(lines []string) (string, error) {
	f, err := os.CreateTemp("", "lines")
	if err != nil {
		return "", err
	}
	defer f.Close() // want `opened by os.CreateTemp at line 44`
	w := bufio.NewWriter(f)
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	return f.Name(), w.Flush()
}

func writeHeader(f *os.File) {
	fmt.Fprintf(f, "# header\n")
}

func viaHelper(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close() // want `opened by os.Create at line 61`
	writeHeader(f)
	return nil
}

func discardedExplicitClose(name string, b []byte) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close() // want `defer f.Close\(\) drops the error`
	if _, err := f.WriteString(string(b)); err != nil {
		return err
	}
	_ = f.Close()
	return nil
}

func inLiteral(name string) {
	save := func(s string) error {
		f, err := os.Create(name)
		if err != nil {
			return err
		}
		defer f.Close() // want `opened by os.Create at line 85`
		_, err = f.WriteString(s)
		return err
	}
	_ = save("x")
}

// --- negatives ---

func readOnly(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func readWriteButOnlyRead(name string) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func synced(filename string, content []byte) error {
	f, err := os.Create(filename)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(content); err != nil {
		return err
	}
	return f.Sync()
}

func checkedLater(filename string, content []byte) error {
	f, err := os.Create(filename)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(content); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return nil
}

func namedResult(filename string, content []byte) (err error) {
	f, err := os.Create(filename)
	if err != nil {
		return err
	}
	defer func() {
		closeErr := f.Close()
		if err == nil {
			err = closeErr
		}
	}()
	_, err = f.Write(content)
	return
}

func noErrorResult(filename string, content []byte) {
	f, err := os.Create(filename)
	if err != nil {
		log.Print(err)
		return
	}
	defer f.Close()
	f.Write(content)
}

func returned(name string) (*os.File, error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fmt.Fprintln(f, "x")
	return f, nil
}

func fsyncByDescriptor(name string, b []byte) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := f.Write(b); err != nil {
		return err
	}
	return syscall.Fsync(int(f.Fd()))
}

func flagsFromVariable(name string, flags int, b []byte) error {
	f, err := os.OpenFile(name, flags, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.Write(b)
	return err
}

type sink struct{ f *os.File }

func stored(s *sink, name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	fmt.Fprintln(f, "x")
	s.f = f
	return nil
}

func notWritten(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Chmod(0o600)
}

func scratch(b1, b2 []byte) ([]byte, error) {
	// temporary files removed on return: their contents matter only while open
	f1, err := os.CreateTemp("", "a")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f1.Name())
	defer f1.Close()
	f1.Write(b1)
	return b2, nil
}

func scratchByPath(path string, b []byte) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer os.Remove(path)
	defer f.Close()
	_, err = f.Write(b)
	return err
}
