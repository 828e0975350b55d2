package layout

// Test types are few, and their layout may be what the test is about (runtime's gcinfo tests).
type BigStruct struct {
	q *int
	w byte
	e [17]byte
	r []byte
}
