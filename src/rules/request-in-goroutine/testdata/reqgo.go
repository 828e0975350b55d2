package reqgo

import (
	"context"
	"io"
	"net/http"
	"sync"
)

func audit(ctx context.Context, path string) {}

func store(data []byte) {}

func contextInGoroutine(w http.ResponseWriter, r *http.Request) {
	go func() {
		audit(r.Context(), r.URL.Path) // want `request context r\.Context\(\) used in a goroutine that may outlive the handler`
	}()
	w.WriteHeader(http.StatusAccepted)
}

func writerInGoroutine(w http.ResponseWriter, r *http.Request) {
	go func() {
		w.Write([]byte("done")) // want `http\.ResponseWriter w used in a goroutine that may outlive the handler`
	}()
}

func bodyInGoroutine(w http.ResponseWriter, req *http.Request) {
	go func() {
		data, _ := io.ReadAll(req.Body) // want `request body read \(req\.Body\) in a goroutine`
		store(data)
	}()
	w.WriteHeader(http.StatusAccepted)
}

func contextVariable(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	go func() {
		audit(ctx, "") // want "request context ctx used in a goroutine that may outlive the handler"
	}()
}

func passedAsArguments(w http.ResponseWriter, r *http.Request) {
	go serve(w, r.Context()) // want "http.ResponseWriter w used in a goroutine" "request context r.Context\\(\\) used"
}

func serve(w http.ResponseWriter, ctx context.Context) {}

var handler = http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
	go func() {
		_ = r.FormValue("id") // want `request body read \(r\.FormValue\)`
	}()
	rw.WriteHeader(http.StatusOK)
})

type api struct{}

func (api) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	go func() {
		http.Error(w, "late", http.StatusInternalServerError) // want "http.ResponseWriter w used"
	}()
}

// Near misses.

func copiedValues(w http.ResponseWriter, r *http.Request) {
	ctx := context.WithoutCancel(r.Context())
	path := r.URL.Path
	go func() {
		audit(ctx, path)
	}()
	w.WriteHeader(http.StatusAccepted)
}

func waited(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		audit(r.Context(), "")
		w.Write([]byte("ok"))
	}()
	wg.Wait()
}

func deferredWait(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		w.Write([]byte("ok"))
	}()
}

func receivesResult(w http.ResponseWriter, r *http.Request) {
	done := make(chan []byte)
	go func() {
		data, _ := io.ReadAll(r.Body)
		done <- data
	}()
	w.Write(<-done)
}

func onlyURL(w http.ResponseWriter, r *http.Request) {
	go func() {
		audit(context.Background(), r.URL.Path)
	}()
	w.WriteHeader(http.StatusAccepted)
}

func notAHandler(w io.Writer, ctx context.Context) {
	go func() {
		w.Write(nil)
		audit(ctx, "")
	}()
}

func reassignedContext(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ctx = context.WithoutCancel(ctx)
	go func() {
		audit(ctx, "")
	}()
}
