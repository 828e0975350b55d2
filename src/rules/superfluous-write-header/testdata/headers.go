package superfluous

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"strings"
)

var page = template.Must(template.New("p").Parse("{{.}}"))

// --- positives ---

func bodyBeforeStatus(w http.ResponseWriter, r *http.Request) {
	_, _ = w.Write([]byte("created"))
	w.WriteHeader(http.StatusCreated) // want `w.WriteHeader has no effect: on every path to it the response was already written by w.Write at line 17, which sent the status line \(200 OK\)`
}

func statusAfterFailedWrite(w http.ResponseWriter, r *http.Request) {
	if _, err := w.Write([]byte("hello")); err != nil {
		w.WriteHeader(http.StatusInternalServerError) // want `already written by w.Write at line 22`
	}
}

func twice(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodPost {
		w.WriteHeader(http.StatusCreated) // want `already written by w.WriteHeader at line 28, which set the status`
	}
}

func afterError(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "" {
		http.Error(w, "no path", http.StatusBadRequest)
	} else {
		fmt.Fprintln(w, "path", r.URL.Path)
	}
	w.WriteHeader(http.StatusOK) // want `already written by (http.Error at line 36|fmt.Fprintln at line 38)`
}

func afterEncode(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(map[string]string{"path": r.URL.Path})
	w.WriteHeader(http.StatusAccepted) // want `json.NewEncoder\(w\).Encode at line 44`
}

func afterWriteString(rw http.ResponseWriter, r *http.Request) {
	io.WriteString(rw, "hi")
	for i := 0; i < 3; i++ {
		fmt.Fprintf(rw, "%d\n", i)
	}
	rw.WriteHeader(http.StatusTeapot) // want `rw.WriteHeader has no effect.*io.WriteString at line 49`
}

func inClosure(w http.ResponseWriter, r *http.Request) {
	respond := func(code int, msg string) {
		fmt.Fprint(w, msg)
		w.WriteHeader(code) // want `fmt.Fprint at line 58`
	}
	respond(http.StatusOK, "ok")
}

// --- negatives ---

func statusFirst(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write([]byte("created"))
}

func onlyOnSomePaths(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		w.Write(nil)
	}
	w.WriteHeader(http.StatusNoContent)
}

func loopMayNotRun(w http.ResponseWriter, r *http.Request, lines []string) {
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	w.WriteHeader(http.StatusOK)
}

func checkedEncode(w http.ResponseWriter, r *http.Request) {
	// the encoder fails before writing when the value cannot be encoded
	if err := json.NewEncoder(w).Encode(r.URL.Query()); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
	}
}

func templateError(w http.ResponseWriter, r *http.Request) {
	if err := page.Execute(w, r.URL.Path); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
	}
}

func copyMayBeEmpty(w http.ResponseWriter, r *http.Request) {
	io.Copy(w, strings.NewReader(r.URL.RawQuery))
	w.WriteHeader(http.StatusOK)
}

func informational(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Link", "</style.css>; rel=preload")
	w.WriteHeader(http.StatusEarlyHints)
	w.WriteHeader(http.StatusOK)
	fmt.Fprintln(w, "body")
}

func otherWriter(w, log http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(log, "request", r.URL.Path)
	w.WriteHeader(http.StatusOK)
}

func reassigned(w http.ResponseWriter, r *http.Request, next http.ResponseWriter) {
	fmt.Fprintln(w, "first")
	w = next
	w.WriteHeader(http.StatusOK)
}

func afterHandler(next http.Handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// the inner handler may leave the status to its caller
		next.ServeHTTP(w, r)
		w.WriteHeader(http.StatusOK)
	}
}

func separateClosure(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "body")
	later := func() {
		w.WriteHeader(http.StatusOK)
	}
	_ = later
}
