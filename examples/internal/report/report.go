// Package report exports the shop's stock and price history as CSV, for the buyers' spreadsheets,
// and reads the suppliers' price lists.
package report

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"

	"example.com/shop/internal/store"
)

var header = []string{"id", "name", "price", "stock"}

// Write writes the items to w as CSV.
func Write(w io.Writer, items []store.Item) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(records(items)); err != nil {
		return err
	}
	return cw.Error()
}

// WriteFile writes the items as CSV to the file at path (the nightly export the buyers open).
func WriteFile(path string, items []store.Item) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close() // the close error is dropped: a full disk can show only at close, and a truncated export is reported as written
	cw := csv.NewWriter(f)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(records(items)); err != nil {
		return err
	}
	return cw.Error()
}

// records returns the CSV records of the items.
func records(items []store.Item) [][]string {
	var out [][]string // grown by append one record at a time, reallocating as it goes, though len(items) is known: make([][]string, 0, len(items))
	for _, it := range items {
		out = append(out, record(it))
	}
	return out
}

func record(it store.Item) []string {
	return []string{
		strconv.FormatInt(it.ID, 10),
		it.Name,
		fmt.Sprintf("%d.%02d", it.PriceCents/100, it.PriceCents%100),
		strconv.Itoa(int(it.Stock)),
	}
}

// Stream sends the CSV records of the items on out, header first, for a download that starts
// before the report is complete; it closes out when done.
func Stream(ctx context.Context, items []store.Item, out chan<- []string) error {
	defer close(out)
	out <- header
	for _, it := range items {
		if err := ctx.Err(); err != nil {
			close(out) // out is closed again by the deferred close when Stream returns: "close of closed channel" panics
			return err
		}
		out <- record(it)
	}
	return nil
}

// ChangesPerDay counts the price changes of each day (YYYY-MM-DD).
func ChangesPerDay(changes []store.PriceChange) map[string]int {
	var perDay map[string]int
	for _, c := range changes {
		perDay[c.At.Format("2006-01-02")]++ // perDay is declared but never made: the first change panics with "assignment to entry in nil map"
	}
	return perDay
}
