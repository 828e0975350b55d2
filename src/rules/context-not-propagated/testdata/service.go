package service

import (
	"context"
	"database/sql"
	"net/http"
	"os/exec"
	"time"
)

type store struct {
	db *sql.DB
}

func (s *store) load(ctx context.Context, id int) error {
	qctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context\.Background\(\) in a function that has ctx: cancellation and deadlines of the caller stop here; pass ctx instead`
	defer cancel()
	row := s.db.QueryRowContext(qctx, "SELECT name FROM users WHERE id = ?", id)
	var name string
	if err := row.Scan(&name); err != nil {
		return err
	}
	rows, err := s.db.Query("SELECT id FROM orders") // want `s\.db\.Query ignores the context ctx at hand: it goes on after the caller is cancelled; use s\.db\.QueryContext\(ctx, \.\.\.\)`
	if err != nil {
		return err
	}
	defer rows.Close()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	_, _ = tx.Exec("UPDATE users SET seen = 1") // want `tx\.Exec ignores the context ctx at hand.*use tx\.ExecContext\(ctx, \.\.\.\)`
	return exec.Command("sync").Run()           // want `exec\.Command ignores the context ctx at hand.*use exec\.CommandContext\(ctx, \.\.\.\)`
}

func handle(w http.ResponseWriter, r *http.Request) {
	ctx := context.TODO() // want `context\.TODO\(\) in a function that has r\.Context\(\).*pass r\.Context\(\) instead`
	_ = ctx
	work := func() {
		_ = context.Background() // want `context\.Background\(\) in a function that has r\.Context\(\)`
	}
	work()
}

// near misses: the context passed on, no context at hand, a nil default, a shutdown after
// the context ended, detached goroutines and deferred cleanup, a blank parameter
func (s *store) passed(ctx context.Context) error {
	qctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	_, err := s.db.ExecContext(qctx, "DELETE FROM sessions")
	return err
}

func noContext(db *sql.DB) error {
	ctx := context.Background()
	_, err := db.ExecContext(ctx, "DELETE FROM sessions")
	_ = exec.Command("sync").Run()
	return err
}

func withDefault(ctx context.Context) context.Context {
	if ctx == context.Background() {
		return ctx
	}
	if ctx == nil {
		ctx = context.Background()
	}
	return ctx
}

func serve(ctx context.Context, srv *http.Server) error {
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdownCtx)
}

func detached(ctx context.Context, db *sql.DB) {
	go func() {
		_, _ = db.ExecContext(context.Background(), "VACUUM")
	}()
	defer func() {
		_ = exec.Command("cleanup").Run()
	}()
	time.AfterFunc(time.Minute, func() {
		_ = db.Ping()
	})
}

func maybe(ctx context.Context, name string) *exec.Cmd {
	if ctx != nil {
		return exec.CommandContext(ctx, name)
	} else {
		return exec.Command(name)
	}
}

func blank(_ context.Context, db *sql.DB) error {
	return db.Ping()
}

type onlyValuesCtx struct {
	context.Context
	values context.Context
}

func (c onlyValuesCtx) Value(key any) any { return c.values.Value(key) }

// The statement holds both contexts: it keeps ctx's values on a context that is never
// cancelled, on purpose (net's withUnexpiredValuesPreserved).
func detachValues(ctx context.Context) context.Context {
	return onlyValuesCtx{Context: context.Background(), values: ctx}
}

// A comment right above says why the request's context is not used (database/sql's service
// example).
func asyncAction(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	// This action has side effects that must finish even if the client cancels the request.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, _ = db.ExecContext(ctx, "UPDATE orders SET state = 'done'")
	w.WriteHeader(http.StatusAccepted)
}

type dialer struct{ addr string }

func (d *dialer) dial(ctx context.Context) error { return ctx.Err() }

// The comment heading the statements says why the given context is ignored (net's
// dial_test.go).
func redial(ctx context.Context, addr string) error {
	// Ignore the provided context (which will be canceled) and use a different one to
	// make sure this completes with a valid connection:
	d := &dialer{addr: addr}
	return d.dial(context.Background())
}
