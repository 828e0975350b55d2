package main

import (
	"database/sql"
	"fmt"
	"os"
)

// a command that runs its queries one after the other
func main() {
	db, err := sql.Open("sqlite3", os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var n int
	if err := db.QueryRow("SELECT count(*) FROM t").Scan(&n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(n)
}
