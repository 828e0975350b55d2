// Package api serves the shop's HTTP API.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"strconv"
	"sync"
	"time"

	"example.com/ratelimit"
	"example.com/shop/internal/inventory"
	"example.com/shop/internal/metrics"
	"example.com/shop/internal/store"
	"example.com/shop/internal/worker"
)

type userKey struct{}

// Handler serves the API.
type Handler struct {
	repo      *store.Repo
	cache     *store.Cache
	pool      *worker.Pool
	inventory *inventory.Client
	metrics   *metrics.Metrics
	limiter   *ratelimit.Limiter
	accessLog io.Writer
}

// New returns a Handler; it writes one line per request to accessLog.
func New(repo *store.Repo, pool *worker.Pool, inv *inventory.Client, m *metrics.Metrics, accessLog io.Writer) *Handler {
	return &Handler{
		repo: repo, cache: store.NewCache(), pool: pool, inventory: inv, metrics: m,
		limiter: ratelimit.New(100, 200), accessLog: accessLog,
	}
}

// Routes returns the API's routes behind the common middleware.
func (h *Handler) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/items", h.item)
	mux.HandleFunc("/items/history", h.history)
	mux.HandleFunc("/items/reprice", h.reprice)
	mux.HandleFunc("/orders/reserve", h.reserve)
	return h.middleware(mux)
}

func (h *Handler) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		h.metrics.Observe(r.URL.Path)
		if !h.limiter.Allow() {
			http.Error(w, "slow down", http.StatusTooManyRequests)
			return
		}
		ctx := context.WithValue(r.Context(), userKey{}, r.Header.Get("X-User"))
		next.ServeHTTP(w, r.WithContext(ctx))
		h.logRequest(r, time.Since(start))
	})
}

// logBufs holds the buffers that access log lines are formatted in.
var logBufs = sync.Pool{New: func() any { return make([]byte, 0, 256) }}

func (h *Handler) logRequest(r *http.Request, took time.Duration) {
	b := logBufs.Get().([]byte)[:0]
	b = append(b, r.Method...)
	b = append(b, ' ')
	b = append(b, r.URL.Path...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, took.Milliseconds(), 10)
	b = append(b, "ms\n"...)
	if _, err := h.accessLog.Write(b); err != nil {
		log.Printf("access log: %v", err)
	}
	logBufs.Put(b) // a slice put in an interface is copied to the heap: one allocation per request, which the pool was to save
}

// user returns the user the middleware found in the request.
func user(ctx context.Context) string {
	return ctx.Value(userKey{}).(string) // panics for a request that did not pass through the middleware
}

func (h *Handler) item(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	switch r.Method {
	case http.MethodGet:
		if it, ok := h.cache.Get(id); ok {
			writeJSON(w, it)
			return
		}
		it, err := h.repo.ByID(r.Context(), id)
		if err == store.ErrNotFound { // ByID wraps ErrNotFound, so this never matches and a missing item is a 500: use errors.Is
			http.NotFound(w, r)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		h.cache.Put(it)
		writeJSON(w, it)
	case http.MethodPut:
		var it store.Item
		if err := json.NewDecoder(r.Body).Decode(&it); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		it.ID = id
		err := h.repo.Update(r.Context(), it)
		if errors.Is(err, store.ErrConflict) {
			http.Error(w, err.Error(), http.StatusConflict)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		h.cache.Forget(id)
		log.Printf("item %d updated by %s", id, user(r.Context()))
		w.WriteHeader(http.StatusNoContent)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// A historyEntry is one price change as the API returns it.
type historyEntry struct {
	Price     string `json:"price"`
	time.Time        // embedded, so its MarshalJSON is promoted: each entry is written as a bare timestamp, without its price
}

func (h *Handler) history(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	changes, err := h.repo.History(r.Context(), id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	entries := make([]historyEntry, len(changes))
	for i, c := range changes {
		entries[i] = historyEntry{Price: fmt.Sprintf("%d.%02d", c.PriceCents/100, c.PriceCents%100), Time: c.At}
	}
	writeJSON(w, entries)
}

func (h *Handler) reprice(w http.ResponseWriter, r *http.Request) {
	if r.Method != "POST" { // http.MethodPost says it by name
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	if !h.pool.Submit(worker.Job{ItemID: id, Manual: true}) {
		http.Error(w, "busy", http.StatusServiceUnavailable)
		return
	}
	w.WriteHeader(http.StatusAccepted)
}

// reserve asks the inventory service to hold stock for an order, and answers at once.
func (h *Handler) reserve(w http.ResponseWriter, r *http.Request) {
	var req struct {
		ItemID   int64 `json:"item_id"`
		Quantity int32 `json:"quantity"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	go func() {
		ok, err := h.inventory.Reserve(r.Context(), req.ItemID, req.Quantity) // r.Context() is cancelled when reserve returns: the RPC is cut off
		if err != nil || !ok {
			log.Printf("reserve item %d: reserved=%v err=%v", req.ItemID, ok, err)
		}
	}()
	w.WriteHeader(http.StatusAccepted)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(v); err != nil {
		log.Printf("write response: %v", err)
	}
}
