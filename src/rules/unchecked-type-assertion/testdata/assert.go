package typeassert

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sync"
)

type ctxKey struct{}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func positives(ctx context.Context, v any, m map[string]any) {
	id := ctx.Value(ctxKey{}).(string)       // want `type assertion to string panics if ctx\.Value\(ctxKey\{\}\) holds another type; use the two-value form`
	n := v.(int) + 1                         // want `type assertion to int panics if v holds another type`
	fmt.Println(id, n, m["count"].(float64)) // want `type assertion to float64 panics if m\["count"\] holds another type`
	var s fmt.Stringer = (v.(fmt.Stringer))  // want `type assertion to fmt\.Stringer panics`
	_ = s
	var raw any
	_ = json.Unmarshal([]byte(`{}`), &raw)
	obj := raw.(map[string]any) // want `type assertion to map\[string\]any panics`
	_ = obj
}

func negatives(ctx context.Context, v any, m map[string]any) {
	if id, ok := ctx.Value(ctxKey{}).(string); ok {
		fmt.Println(id)
	}
	n, ok := v.(int)
	if !ok {
		return
	}
	var s, isStringer = v.(fmt.Stringer)
	_, _ = s, isStringer
	f, ok := (m["count"].(float64))
	_, _ = f, ok
	switch x := v.(type) {
	case int:
		fmt.Println(x + n)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	bufPool.Put(buf)
}
