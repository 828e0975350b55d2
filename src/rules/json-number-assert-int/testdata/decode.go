package event

import (
	"encoding/json"
	"fmt"
	"io"
)

type ID int64

func positives(payload []byte, r io.Reader) (int, error) {
	var m map[string]any
	if err := json.Unmarshal(payload, &m); err != nil {
		return 0, err
	}
	id := m["id"].(int) // want `m\["id"\] comes from JSON decoded into an interface, where every number is a float64, never an int: this assertion panics; assert float64 and convert it, or decode into a struct with an int field`

	// the two-value form never panics, and never succeeds
	if n, ok := m["count"].(int64); ok { // want `m\["count"\] comes from JSON .* never an int64: this assertion always fails`
		id += int(n)
	}

	// nested objects and arrays
	user := m["user"].(map[string]any)
	age := user["age"].(uint8)                           // want `user\["age"\] comes from JSON decoded into an interface`
	first := m["items"].([]any)[0].(map[string]any)["n"].(int) // want `m…\["n"\] comes from JSON`

	// range over a decoded array
	for _, it := range m["items"].([]any) {
		_ = it.(map[string]any)["qty"].(int32) // want `it\.\(map\[string\]any\)\["qty"\] comes from JSON`
	}

	// a type defined on an integer
	_ = m["owner"].(ID) // want `never an ID`

	// a decoder, with UseNumber: json.Number, still no int
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var doc map[string]interface{}
	if err := dec.Decode(&doc); err != nil {
		return 0, err
	}
	_ = doc["size"].(int) // want `every number is a json\.Number \(UseNumber\), never an int: this assertion panics; assert json\.Number and call its Int64 method`

	// a bare interface and a decoder made inline
	var v any
	if err := json.NewDecoder(r).Decode(&v); err != nil {
		return 0, err
	}
	_ = v.([]any)[1].(int) // want `v\.\(\[\]any\)\[1\] comes from JSON`

	// a value copied into a local first
	raw := m["version"]
	_ = raw.(int) // want `raw comes from JSON`

	return id + int(age) + first, nil
}

func negatives(payload []byte, r io.Reader, in map[string]any) {
	var m map[string]any
	_ = json.Unmarshal(payload, &m)

	// what JSON numbers are
	_ = m["id"].(float64)
	_ = int(m["id"].(float64))

	// json.Number after UseNumber
	dec := json.NewDecoder(r)
	dec.UseNumber()
	var doc map[string]any
	_ = dec.Decode(&doc)
	if n, ok := doc["id"].(json.Number); ok {
		_, _ = n.Int64()
	}

	// a type switch is not an assertion that panics
	switch m["kind"].(type) {
	case int:
	case float64:
	}

	// a map the program filled itself
	own := map[string]any{"id": 1}
	_ = own["id"].(int)

	// a map filled partly by hand before the assertion
	var mixed map[string]any
	_ = json.Unmarshal(payload, &mixed)
	mixed["retries"] = 3
	_ = mixed["retries"].(int)

	// a map handed to a function that may change it
	var passed map[string]any
	_ = json.Unmarshal(payload, &passed)
	normalize(passed)
	_ = passed["id"].(int)

	// a parameter: not decoded here
	_ = in["id"].(int)

	// a struct: its fields have their own types
	var s struct{ ID int }
	_ = json.Unmarshal(payload, &s)

	// reassigned after decoding
	var re any
	_ = json.Unmarshal(payload, &re)
	re = 5
	_ = re.(int)

	// asserted before anything is decoded
	var later map[string]any
	for i := 0; i < 1; i++ {
		if later != nil {
			_ = fmt.Sprint(later["id"].(string))
		}
	}
	_ = json.Unmarshal(payload, &later)
}

func normalize(m map[string]any) {
	if f, ok := m["id"].(float64); ok {
		m["id"] = int(f)
	}
}
