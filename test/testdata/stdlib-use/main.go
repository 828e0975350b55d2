// Package stdlibuse calls into the standard library, including APIs newer than Go 1.19, so that
// a test can check that every call, field and method resolves with no Go installation.
package stdlibuse

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"
)

type Config struct {
	Name    string        `json:"name"`
	Timeout time.Duration `json:"timeout"`
}

var errNotFound = errors.New("not found")

func Fetch(ctx context.Context, client *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, errors.Join(err, errNotFound)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, errNotFound
	}
	return io.ReadAll(resp.Body)
}

func Get(url string) (int, error) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, err
}

func Names(ctx context.Context, db *sql.DB) ([]string, error) {
	rows, err := db.QueryContext(ctx, "SELECT name FROM t")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n sql.NullString
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n.String)
	}
	return names, rows.Err()
}

func Load(path string) (Config, error) {
	var c Config
	f, err := os.Open(path)
	if err != nil {
		return c, err
	}
	defer f.Close()
	err = json.NewDecoder(f).Decode(&c)
	return c, err
}

var once = sync.OnceFunc(func() { slog.Info("started", "at", time.Now().Format(time.DateTime)) })

func Detached(ctx context.Context) context.Context {
	once()
	return context.WithoutCancel(ctx)
}

func Sorted(m map[string]int) []string {
	keys := slices.Collect(maps.Keys(m))
	slices.Sort(keys)
	return keys
}

func Server() *http.Server {
	var mu sync.Mutex
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	return &http.Server{Addr: ":8080", Handler: mux, ReadHeaderTimeout: 5 * time.Second}
}
