package stdconst

import (
	"net/http"
	"net/http/httptest"
	"time"
)

func positives(w http.ResponseWriter, r *http.Request, resp *http.Response, rec *httptest.ResponseRecorder, s string) {
	if resp.StatusCode == 200 { // want `status code 200 is http\.StatusOK; use the named constant`
		return
	}
	if 404 != resp.StatusCode { // want `status code 404 is http\.StatusNotFound`
		return
	}
	w.WriteHeader(201)                           // want `status code 201 is http\.StatusCreated`
	http.Error(w, "boom", 500)                   // want `status code 500 is http\.StatusInternalServerError`
	req, _ := http.NewRequest("POST", "/x", nil) // want `method "POST" is http\.MethodPost`
	_ = req
	if r.Method == "DELETE" { // want `method "DELETE" is http\.MethodDelete`
		return
	}
	switch r.Method {
	case "GET", "HEAD": // want `method "GET" is http\.MethodGet` `method "HEAD" is http\.MethodHead`
	}
	if rec.Code != 204 { // want `status code 204 is http\.StatusNoContent`
		return
	}
	t, _ := time.Parse("2006-01-02 15:04:05", s) // want `layout "2006-01-02 15:04:05" is time\.DateTime`
	_ = t.Format(`2006-01-02T15:04:05Z07:00`)    // want "layout `2006-01-02T15:04:05Z07:00` is time\\.RFC3339"
	_ = &http.Response{StatusCode: 302}          // want `status code 302 is http\.StatusFound`
}

const okCode = 200

func negatives(w http.ResponseWriter, r *http.Request, resp *http.Response, s string) {
	if resp.StatusCode == http.StatusOK {
		return
	}
	if resp.StatusCode >= 400 && resp.StatusCode < 600 {
		return
	}
	if resp.StatusCode == okCode {
		return
	}
	if resp.StatusCode == 299 {
		return
	}
	w.WriteHeader(http.StatusCreated)
	req, _ := http.NewRequest(http.MethodPost, "/x", nil)
	_ = req
	if r.Method == "PROPFIND" {
		return
	}
	n := 200
	if n == 200 {
		return
	}
	t, _ := time.Parse(time.DateTime, s)
	_ = t.Format("2006-01-02 15:04")
	method := "GET"
	_ = method
}
