package params

import (
	"net/url"
	"time"
)

// 4 strings (64 bytes) and 12 float64 (96 bytes): 160 bytes.
type Summary struct {
	Title, Author, Region, Product string
	Totals                         [12]float64
}

// 8 + 8 + 24 bytes: small.
type Point struct {
	X, Y float64
	At   time.Time
}

type Matrix [4][4]float64 // 128 bytes: at the threshold, not above

type Big [32]int64 // 256 bytes

type Request struct {
	URL     url.URL // 144 bytes
	Retries int
}

func Render(s Summary) string { // want `parameter s of Render has type Summary of 160 bytes, copied on every call; pass \*Summary`
	return s.Title
}

func RenderPtr(s *Summary) string {
	return s.Title
}

func (s Summary) total() float64 { // want `receiver s of total has type Summary of 160 bytes, copied on every call; use a pointer receiver \(\*Summary\)`
	return s.Totals[0]
}

// An exported method's receiver is part of the method set: with a pointer receiver, a Summary value
// would no longer be a fmt.Stringer (crypto/x509/pkix's Name.String).
func (s Summary) String() string {
	return s.Title
}

func (s Summary) Total() float64 {
	return s.total()
}

// Constructors run once per value and take options by value by convention
// (prometheus.NewHistogram(HistogramOpts)).
func NewReport(opts Summary) *Summary {
	return &Summary{Title: opts.Title}
}

func newReport(opts Summary) *Summary {
	return &Summary{Title: opts.Title}
}

// A function whose name only starts like a constructor's is reported.
func Newsletter(s Summary) string { // want `parameter s of Newsletter`
	return s.Title
}

func (s *Summary) Reset() {
	s.Totals = [12]float64{}
}

func Sum(a, b Big) int64 { // want `parameter a, b of Sum has type Big of 256 bytes`
	return a[0] + b[0]
}

func Send(_ Request, id string) {} // want `parameter of Send has type Request of 152 bytes`

func Move(p Point) Point {
	p.X++
	return p
}

func Scale(m Matrix) Matrix {
	return m
}

func Many(rows []Summary, names ...string) int {
	return len(rows) + len(names)
}

func Local() {
	f := func(s Summary) string { return s.Title }
	_ = f
}

func Generic[T any](v T) T {
	return v
}

// withTitle works on its copy and returns it (encoding/base64's Encoding.Strict): a pointer
// receiver would change the caller's value.
func (s Summary) withTitle(t string) *Summary {
	s.Title = t
	return &s
}

// The address of the copy is handed on (net/http's tests: client.Do(&req)), so each call sends its
// own request.
func SendCopy(r Request, do func(*Request)) {
	do(&r)
}

// An element of the array copy is written.
func Bump(b Big) Big {
	b[0]++
	return b
}

// A pointer method called on the copy takes its address.
func Cleared(s Summary) Summary {
	s.Reset()
	return s
}

// The array copy is sliced.
func Prefix(b Big) []int64 {
	return b[:4]
}

// Reading a field through an element of the copy does not need it.
func First(s Summary, rows [2]Summary) string { // want `parameter s of First` `parameter rows of First has type \[2\]Summary of 320 bytes`
	return rows[0].Title + s.Title
}

type registry struct {
	last    Summary
	history []Summary
	out     chan Summary
}

// A setter keeps the value (x/crypto's acmetest CAServer.IssuerName): a pointer only moves the copy.
func (r *registry) setLast(s Summary) {
	r.last = s
}

func (r *registry) remember(s Summary) {
	r.history = append(r.history, Summary{Title: s.Title})
	r.history = append(r.history, []Summary{s}...)
}

func (r *registry) publish(s Summary) {
	r.out <- s
}

// A factory method is a constructor too (client_golang's promauto Factory.NewHistogram).
func (r *registry) NewSummary(opts Summary) *Summary {
	return &Summary{Title: opts.Title}
}

// Reading the value into a local is one more copy, not a reason for the first.
func (r *registry) titleOf(s Summary) string { // want `parameter s of titleOf has type Summary of 160 bytes`
	local := s
	return local.Title
}
