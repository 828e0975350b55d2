package errret

import (
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net/http"
	"os"
)

type item struct{ ID string }

func load(id string) (*item, error) {
	if id == "" {
		return nil, errors.New("no id")
	}
	return &item{ID: id}, nil
}

var page = template.Must(template.New("p").Parse("{{.}}"))

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// --- positives ---

func seedExample(w http.ResponseWriter, req *http.Request) {
	_, err := load(req.URL.Path)
	if err != nil {
		http.Error(w, "foo", http.StatusInternalServerError) // want `http.Error does not stop the handler: this branch falls through and the handler writes to w again at line 37 \(w.Write\), so its output is appended`
	}
	_, _ = w.Write([]byte("all good"))
	w.WriteHeader(http.StatusCreated)
}

func encoderAfter(w http.ResponseWriter, r *http.Request) {
	it, err := load(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound) // want `again at line 46 \(json.NewEncoder\(w\).Encode\)`
	}
	_ = json.NewEncoder(w).Encode(it)
}

func notFoundInSwitch(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
	default:
		http.NotFound(w, r) // want `http.NotFound does not stop the handler.*line 55 \(fmt.Fprintf\)`
	}
	fmt.Fprintf(w, "hello %s", r.URL.Path)
}

func statusTwice(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Token") == "" {
		w.WriteHeader(http.StatusUnauthorized) // want `w.WriteHeader\(401\) does not stop the handler.*line 62 \(w.WriteHeader\), so the second status is ignored`
	}
	w.WriteHeader(http.StatusOK)
}

func statusWithBodyThenMore(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength == 0 {
		w.WriteHeader(http.StatusBadRequest) // want `w.WriteHeader\(400\) does not stop the handler.*line 70 \(io.WriteString\)`
		fmt.Fprintln(w, "empty body")
	}
	io.WriteString(w, "accepted")
}

func middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			http.Error(w, "unauthorized", http.StatusUnauthorized) // want `line 78 \(next.ServeHTTP\), so the second status is ignored`
		}
		next.ServeHTTP(w, r)
	})
}

func redirectThenTemplate(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/old" {
		http.Redirect(w, r, "/new", http.StatusMovedPermanently) // want `http.Redirect does not stop the handler.*line 86 \(page.Execute\)`
	}
	_ = page.Execute(w, r.URL.Path)
}

func helperWrites(w http.ResponseWriter, r *http.Request) {
	it, err := load(r.FormValue("id"))
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest) // want `line 94 \(writeJSON\)`
	}
	writeJSON(w, it)
}

func inLoop(w http.ResponseWriter, r *http.Request) {
	for _, id := range r.URL.Query()["id"] {
		if id == "" {
			http.Error(w, "empty id", http.StatusBadRequest) // want `line 102 \(fmt.Fprintln\)`
		}
		fmt.Fprintln(w, id)
	}
}

func breakThenWrite(w http.ResponseWriter, r *http.Request) {
	for _, id := range r.URL.Query()["id"] {
		if id == "" {
			http.Error(w, "empty id", http.StatusBadRequest) // want `line 113 \(w.Write\)`
			break
		}
	}
	w.Write([]byte("done"))
}

// --- negatives ---

func withReturn(w http.ResponseWriter, r *http.Request) {
	it, err := load(r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
		return
	}
	_ = json.NewEncoder(w).Encode(it)
}

func elseBranch(w http.ResponseWriter, r *http.Request) {
	it, err := load(r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
	} else {
		_ = json.NewEncoder(w).Encode(it)
	}
}

func nothingAfter(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	}
	log.Printf("handled %s", r.URL.Path)
}

func fatalAfter(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/quit" {
		http.Error(w, "bye", http.StatusServiceUnavailable)
		os.Exit(0)
	}
	fmt.Fprintln(w, "still here")
}

func contradictoryCheck(w http.ResponseWriter, r *http.Request) {
	it, err := load(r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
	}
	if err == nil {
		_ = json.NewEncoder(w).Encode(it)
	}
}

func sameCheckAgain(w http.ResponseWriter, r *http.Request) {
	it, err := load(r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusNotFound)
	}
	log.Println("loaded")
	if !(err != nil) {
		writeJSON(w, it)
	}
}

func statusThenBody(w http.ResponseWriter, r *http.Request) {
	// the status is set in the branch, the body common to both is written after it
	_, err := load(r.URL.Path)
	if err != nil {
		w.WriteHeader(http.StatusInternalServerError)
	}
	fmt.Fprintf(w, "result: %v", err)
}

func breakThenReturn(w http.ResponseWriter, r *http.Request) {
	for _, id := range r.URL.Query()["id"] {
		if id == "" {
			http.Error(w, "empty id", http.StatusBadRequest)
			break
		}
	}
}

func deferredWrite(w http.ResponseWriter, r *http.Request) {
	defer fmt.Fprintln(w, "trailer")
	if r.URL.Path == "" {
		http.Error(w, "no path", http.StatusBadRequest)
	}
}

func differentWriter(w http.ResponseWriter, r *http.Request, other http.ResponseWriter) {
	if r.URL.Path == "" {
		http.Error(w, "no path", http.StatusBadRequest)
	}
	fmt.Fprintln(other, "logged")
}

func successStatus(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPost {
		w.WriteHeader(http.StatusCreated)
	}
	fmt.Fprintln(w, "ok")
}

func topLevel(w http.ResponseWriter, r *http.Request) {
	w.WriteHeader(http.StatusNotFound)
	fmt.Fprintln(w, "not found")
}

func closureWriteLater(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "" {
		http.Error(w, "no path", http.StatusBadRequest)
	}
	go func() {
		log.Println("done")
	}()
}

func flagSet(w http.ResponseWriter, r *http.Request) {
	ok := true
	if r.URL.Path == "" {
		http.Error(w, "no path", http.StatusBadRequest)
		ok = false
	}
	if ok {
		fmt.Fprintln(w, "fine")
	}
}

func resultSetInElse(w http.ResponseWriter, r *http.Request) {
	var data []byte
	if err := r.ParseForm(); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	} else {
		data = []byte(r.Form.Get("q"))
	}
	if data != nil {
		w.Write(data)
	}
}

func flagSetButUnconditionalWrite(w http.ResponseWriter, r *http.Request) {
	failed := false
	if r.URL.Path == "" {
		http.Error(w, "no path", http.StatusBadRequest) // want `line 257 \(fmt.Fprintln\)`
		failed = true
	}
	if failed {
		log.Println("failed")
	}
	fmt.Fprintln(w, "done")
}
