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
	"example.com/shop/internal/report"
	"example.com/shop/internal/session"
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
	sessions  *session.Cache
	accessLog io.Writer
}

// New returns a Handler; it writes one line per request to accessLog.
func New(repo *store.Repo, pool *worker.Pool, inv *inventory.Client, m *metrics.Metrics, accessLog io.Writer) *Handler {
	return &Handler{
		repo: repo, cache: store.NewCache(), pool: pool, inventory: inv, metrics: m,
		limiter: ratelimit.New(100, 200), sessions: session.New(100000), accessLog: accessLog,
	}
}

// Routes returns the API's routes behind the common middleware.
func (h *Handler) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/items", h.item)
	mux.HandleFunc("/items/category", h.category)
	mux.HandleFunc("/items/history", h.history)
	mux.HandleFunc("/items/reprice", h.reprice)
	mux.HandleFunc("/items/restock", h.restock)
	mux.HandleFunc("/cart/add", h.addToCart)
	mux.HandleFunc("/reports/low-stock.csv", h.lowStock)
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
	case http.MethodPatch:
		h.patch(w, r, id)
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
}

// category lists the items of a category: ?name=...&limit=... (at most 200, 50 by default).
func (h *Handler) category(w http.ResponseWriter, r *http.Request) {
	limit := 50
	if s := r.URL.Query().Get("limit"); s != "" {
		limit, err := strconv.Atoi(s) // := declares a second limit inside the if: the parsed and clamped value is lost, and the query below always asks for 50
		if err != nil || limit < 1 {
			http.Error(w, "bad limit", http.StatusBadRequest)
			return
		}
		if limit > 200 {
			limit = 200
		}
	}
	items, err := h.repo.ByCategory(r.Context(), r.URL.Query().Get("name"), limit)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, items)
}

// patch changes the fields of an item that the request's JSON object names.
func (h *Handler) patch(w http.ResponseWriter, r *http.Request, id int64) {
	var fields map[string]any
	if err := json.NewDecoder(r.Body).Decode(&fields); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	it, err := h.repo.ByID(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if name, ok := fields["name"].(string); ok {
		it.Name = name
	}
	if active, ok := fields["active"].(bool); ok {
		it.Active = active
	}
	if stock, ok := fields["stock"].(int); ok { // JSON numbers decode into map[string]any as float64, never int: this never matches and stock changes are silently dropped
		it.Stock = int32(stock)
	}
	if err := h.repo.Update(r.Context(), it); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h.cache.Forget(id)
	w.WriteHeader(http.StatusNoContent)
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
	fmt.Fprintf(w, "item %d queued for repricing\n", id)
	w.WriteHeader(http.StatusAccepted) // too late: Fprintf above already sent 200 OK with the body, so this status is dropped (and logged as superfluous)
}

// restock records a delivery of qty units of an item.
func (h *Handler) restock(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	qty, err := strconv.Atoi(r.URL.Query().Get("qty"))
	if err != nil || qty <= 0 {
		http.Error(w, "bad quantity", http.StatusBadRequest) // no return: the handler goes on, books a delivery of 0 or negative units and writes a second status
	}
	if err := h.repo.Restock(r.Context(), id, int32(qty)); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// addToCart puts an item into the cart of the customer's session.
func (h *Handler) addToCart(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie("session")
	if err != nil {
		http.Error(w, "not signed in", http.StatusUnauthorized)
		return
	}
	var req struct {
		ItemID   int64 `json:"item_id"`
		Quantity int32 `json:"quantity"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := h.sessions.AddToCart(c.Value, req.ItemID, req.Quantity); err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// lowStock serves the items that need reordering as a CSV file.
func (h *Handler) lowStock(w http.ResponseWriter, r *http.Request) {
	items, err := h.repo.LowStock(r.Context(), 10)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/csv")
	if err := report.Write(w, items); err != nil {
		log.Printf("low-stock report: %v", err)
	}
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
