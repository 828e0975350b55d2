// Command shop serves the shop's HTTP API.
package main

import (
	"database/sql"
	"encoding/json"
	"log"
	"net/http"
	"strconv"

	"example.com/shop/internal/store"
)

type server struct {
	db *sql.DB
}

func (s *server) handleItem(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.URL.Query().Get("id"))
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		// missing return: the handler goes on with id == 0
	}
	item, err := store.ByID(r.Context(), s.db, id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(item); err != nil {
		log.Printf("encode: %v", err)
	}
}

func main() {
	db, err := sql.Open("postgres", "postgres://shop@localhost/shop")
	if err != nil {
		log.Fatal(err)
	}
	s := &server{db: db}
	http.HandleFunc("/item", s.handleItem)
	// no timeouts: a slow client holds a connection forever
	log.Fatal(http.ListenAndServe(":8080", nil))
}
