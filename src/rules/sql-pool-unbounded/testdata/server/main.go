package main

import (
	"database/sql"
	"log"
	"net/http"
)

func main() {
	db, err := sql.Open("postgres", "postgres://localhost/app") // want `the \*sql\.DB from sql\.Open has no limit`
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = db.ExecContext(r.Context(), "UPDATE hits SET n = n + 1")
	})
	log.Fatal(http.ListenAndServe(":8080", nil))
}
