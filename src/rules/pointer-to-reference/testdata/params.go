package params

import "encoding/json"

type Handler func(string) error

func count(tags *map[string]int, key string) int { // want `parameter tags of count is a \*map\[string\]int but is never assigned through: a map value already refers to its entries; pass map\[string\]int`
	return (*tags)[key]
}

func record(tags *map[string]int, key string) { // want `parameter tags of record is a \*map\[string\]int but is never assigned through`
	(*tags)[key]++ // the map value alone would do: the entry is written all the same
}

func replace(tags *map[string]int) {
	*tags = map[string]int{}
}

func drain(ch *chan int) int { // want `parameter ch of drain is a \*chan int but is never assigned through`
	return <-*ch
}

func run(h *Handler, msg string) error { // want `parameter h of run is a \*Handler but is never assigned through: a func value is already a reference`
	return (*h)(msg)
}

func greet(name *string) string { // want `parameter name of greet is a \*string but is never assigned through: a string is two words and immutable; pass string`
	return "hello " + *name
}

func greetOptional(name *string) string {
	if name == nil {
		return "hello"
	}
	return "hello " + *name
}

func total(xs *[]int) int { // want `parameter xs of total is a \*\[\]int but is never assigned through`
	n := 0
	for _, x := range *xs {
		n += x
	}
	return n
}

func push(xs *[]int, x int) {
	*xs = append(*xs, x)
}

func decode(data []byte, out *[]string) error {
	return json.Unmarshal(data, out)
}

func lengths(a, b *string) int { // want `parameter a of lengths` `parameter b of lengths`
	return len(*a) + len(*b)
}

func unused(s *string) {}

type T struct{}

// An exported method may have its signature fixed by an interface.
func (T) Format(s *string) string { return *s }

func (T) format(s *string) string { return *s } // want `parameter s of format is a \*string`
