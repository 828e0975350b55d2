package deferfirst

import (
	"context"
	"database/sql"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"sync"
)

// --- positives ---

func openThenDefer(name string) ([]byte, error) {
	f, err := os.Open(name)
	defer f.Close() // want `defer f.Close\(\) is registered before the error of os.Open \(line 17\) is checked: when the call fails f is nil and the deferred call runs on a nil value`
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

func queryThenDefer(ctx context.Context, db *sql.DB) (int, error) {
	rows, err := db.QueryContext(ctx, "SELECT 1")
	defer rows.Close() // want `defer rows.Close\(\) is registered before the error of db.QueryContext \(line 26\)`
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func dialThenDefer(addr string) error {
	conn, err := net.Dial("tcp", addr)
	defer conn.Close() // want `defer conn.Close\(\) is registered before the error of net.Dial \(line 39\) is checked: when the call fails conn is nil and this panics at once`
	if err != nil {
		return err
	}
	_, err = conn.Write([]byte("ping"))
	return err
}

func txThenDefer(db *sql.DB) error {
	tx, err := db.Begin()
	defer tx.Rollback() // want `defer tx.Rollback\(\) is registered before the error of db.Begin`
	if err != nil {
		return err
	}
	return tx.Commit()
}

func createAfterOtherWork(name string, data []byte) error {
	var mu sync.Mutex
	mu.Lock()
	f, err := os.Create(name)
	mu.Unlock()
	defer f.Close() // want `before the error of os.Create \(line 60\)`
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}

type locker struct{ mu sync.Mutex }

func acquire(name string) (*locker, error) { return &locker{}, nil }

func (l *locker) Release() {}

func ownAcquire(name string) error {
	l, err := acquire(name)
	defer l.Release() // want `defer l.Release\(\) is registered before the error of acquire`
	return err
}

type pipe struct{ r io.ReadCloser }

func openPipe() (*pipe, error) { return &pipe{}, nil }

func fieldClose() error {
	p, err := openPipe()
	defer p.r.Close() // want `defer p.r.Close\(\) is registered before the error of openPipe \(line 87\) is checked: when the call fails p is nil and this panics at once`
	return err
}

// --- negatives ---

func checkedFirst(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func nilGuarded(name string) error {
	f, err := os.Open(name)
	if f != nil {
		defer f.Close()
	}
	return err
}

func notACleanup(name string) error {
	f, err := os.Open(name)
	defer log.Println(f.Name())
	return err
}

func responseIsTheOtherRule(url string) error {
	resp, err := http.Get(url)
	defer resp.Body.Close()
	return err
}

func blankErr(name string) {
	f, _ := os.Open(name)
	defer f.Close()
}

type handle struct{ id int }

func (h handle) Close() error { return nil }

func openValue() (handle, error) { return handle{}, nil }

func valueType() error {
	// a struct value is usable even when the call failed
	h, err := openValue()
	defer h.Close()
	return err
}

func deferredClosureChecks(name string) (err error) {
	f, err := os.Open(name)
	defer func() {
		if err == nil {
			f.Close()
		}
	}()
	return err
}

func errLoggedFirst(name string) {
	f, err := os.Open(name)
	log.Println(err)
	defer f.Close()
}

func stmtAfterBranch(db *sql.DB, debug bool) error {
	st, err := db.Prepare("SELECT 1")
	if debug {
		log.Println("prepared")
	}
	defer st.Close()
	return err
}

func outerVariable(name string) error {
	var f *os.File
	var err error
	open := func() {
		f, err = os.Open(name)
		defer f.Close()
	}
	open()
	return err
}
