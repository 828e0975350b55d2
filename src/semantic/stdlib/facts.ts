/**
 * Facts about standard-library types that the Go API listings (and so `model.json`) lack: which types
 * must not be copied, and the size and alignment of types whose layout the model cannot give (their
 * fields are unexported, or listed in alphabetical rather than declaration order).
 *
 * Types are named `<import path>.<Name>`, as in `net/http.Server`; a generic type by its name alone
 * (`sync/atomic.Pointer` stands for every instantiation).
 */

/**
 * Standard types that go vet's copylocks check reports when a value is copied: those whose pointer has
 * `Lock` and `Unlock` methods while the value does not (sync.Mutex, sync.RWMutex, the `noCopy` markers
 * of sync and sync/atomic), and the structs that hold one in a field, however deep (not through
 * pointers). The value says which lock, innermost first.
 *
 * Computed with the copylocks rule (golang.org/x/tools/go/analysis/passes/copylock, `lockPath`) over
 * every exported type of Go 1.19.8's standard library on linux/amd64, plus types of later releases
 * checked in Go's current sources: expvar.Int and expvar.Float (now an atomic.Int64 and an
 * atomic.Uint64; plain integers in Go 1.19) and log/slog.LevelVar (an atomic.Int64).
 *
 * Not in the list because vet does not report them: sync/atomic.Value (no noCopy marker), net/http.Client
 * (no lock; copies share the Transport), bytes.Buffer and strings.Builder (a copy aliases the buffer;
 * see `stdlibCopyPanics` for the Builder).
 */
export const stdlibNoCopy: ReadonlyMap<string, string> = new Map([
  ["archive/zip.ReadCloser", "sync.Mutex in sync.Once in archive/zip.Reader"],
  ["archive/zip.Reader", "sync.Mutex in sync.Once"],
  ["crypto/tls.Config", "sync.RWMutex"],
  ["crypto/tls.Conn", "sync.Mutex"],
  ["database/sql.Conn", "sync.RWMutex"],
  ["database/sql.DB", "sync.Mutex"],
  ["database/sql.Rows", "sync.RWMutex"],
  ["database/sql.Stmt", "sync.RWMutex"],
  ["database/sql.Tx", "sync.RWMutex"],
  ["debug/gosym.LineTable", "sync.Mutex"],
  ["encoding/gob.Decoder", "sync.Mutex"],
  ["encoding/gob.Encoder", "sync.Mutex"],
  ["expvar.Float", "sync/atomic.noCopy in sync/atomic.Uint64"],
  ["expvar.Int", "sync/atomic.noCopy in sync/atomic.Int64"],
  ["expvar.Map", "sync.Mutex in sync.Map"],
  ["go/token.File", "sync.Mutex"],
  ["go/token.FileSet", "sync.RWMutex"],
  ["go/types.Context", "sync.Mutex"],
  ["go/types.Named", "sync.Mutex"],
  ["log.Logger", "sync.Mutex"],
  ["log/slog.LevelVar", "sync/atomic.noCopy in sync/atomic.Int64"],
  ["log/syslog.Writer", "sync.Mutex"],
  ["net.Resolver", "sync.Mutex in internal/singleflight.Group"],
  ["net.UnixListener", "sync.Mutex in sync.Once"],
  ["net/http.ServeMux", "sync.RWMutex"],
  ["net/http.Server", "sync.Mutex in sync.Once"],
  ["net/http.Transport", "sync.Mutex"],
  ["net/http/cookiejar.Jar", "sync.Mutex"],
  ["net/http/httptest.Server", "sync.noCopy in sync.WaitGroup"],
  ["net/http/httputil.ClientConn", "sync.Mutex"],
  ["net/http/httputil.ServerConn", "sync.Mutex"],
  ["net/rpc.Client", "sync.Mutex"],
  ["net/rpc.Server", "sync.Mutex in sync.Map"],
  ["net/textproto.Conn", "sync.Mutex in net/textproto.Pipeline"],
  ["net/textproto.Pipeline", "sync.Mutex"],
  ["os.Process", "sync.RWMutex"],
  ["runtime/pprof.Profile", "sync.Mutex"],
  ["strings.Replacer", "sync.Mutex in sync.Once"],
  ["sync.Cond", "sync.noCopy"],
  ["sync.Map", "sync.Mutex"],
  ["sync.Mutex", "sync.Mutex"],
  ["sync.Once", "sync.Mutex"],
  ["sync.Pool", "sync.noCopy"],
  ["sync.RWMutex", "sync.RWMutex"],
  ["sync.WaitGroup", "sync.noCopy"],
  ["sync/atomic.Bool", "sync/atomic.noCopy"],
  ["sync/atomic.Int32", "sync/atomic.noCopy"],
  ["sync/atomic.Int64", "sync/atomic.noCopy"],
  ["sync/atomic.Pointer", "sync/atomic.noCopy"],
  ["sync/atomic.Uint32", "sync/atomic.noCopy"],
  ["sync/atomic.Uint64", "sync/atomic.noCopy"],
  ["sync/atomic.Uintptr", "sync/atomic.noCopy"],
  ["testing.B", "sync.RWMutex in testing.common"],
  ["testing.F", "sync.RWMutex in testing.common"],
  ["testing.M", "sync.Mutex in sync.Once"],
  ["testing.T", "sync.RWMutex in testing.common"],
]);

/**
 * Standard types that detect a copy at run time and panic when the copy is used: strings.Builder
 * ("strings: illegal use of non-zero Builder copied by value", src/strings/builder.go) and sync.Cond
 * ("sync.Cond is copied", src/sync/cond.go).
 */
export const stdlibCopyPanics: ReadonlySet<string> = new Set(["strings.Builder", "sync.Cond"]);

export interface TypeLayout {
  /** unsafe.Sizeof, in bytes. */
  size: number;
  /** unsafe.Alignof, in bytes. */
  align: number;
}

/**
 * Size and alignment on linux/amd64 of standard types that user structs commonly hold by value, measured
 * with unsafe.Sizeof and unsafe.Alignof in a program built by Go 1.19.8 (linux/amd64). Types made only of
 * predeclared kinds (time.Duration is an int64, net/http.Header a map) are here too, for convenience.
 *
 * Sizes of structs with unexported fields can change between releases; the ones known to have changed
 * after Go 1.19: sync.Map (reimplemented on a hash trie in Go 1.24). The zero-size `noCopy` markers that
 * later releases added (sync.Mutex in Go 1.24) do not change a size.
 */
export const stdlibLayouts: ReadonlyMap<string, TypeLayout> = new Map([
  ["bytes.Buffer", { size: 40, align: 8 }],
  ["bytes.Reader", { size: 40, align: 8 }],
  ["context.Context", { size: 16, align: 8 }],
  ["database/sql.NullBool", { size: 2, align: 1 }],
  ["database/sql.NullFloat64", { size: 16, align: 8 }],
  ["database/sql.NullInt32", { size: 8, align: 4 }],
  ["database/sql.NullInt64", { size: 16, align: 8 }],
  ["database/sql.NullString", { size: 24, align: 8 }],
  ["database/sql.NullTime", { size: 32, align: 8 }],
  ["encoding/json.Number", { size: 16, align: 8 }],
  ["encoding/json.RawMessage", { size: 24, align: 8 }],
  ["math/big.Int", { size: 32, align: 8 }],
  ["net.IP", { size: 24, align: 8 }],
  ["net.IPNet", { size: 48, align: 8 }],
  ["net/http.Client", { size: 48, align: 8 }],
  ["net/http.Header", { size: 8, align: 8 }],
  ["net/netip.Addr", { size: 24, align: 8 }],
  ["net/netip.AddrPort", { size: 32, align: 8 }],
  ["net/netip.Prefix", { size: 32, align: 8 }],
  ["net/url.URL", { size: 144, align: 8 }],
  ["net/url.Values", { size: 8, align: 8 }],
  ["os.FileMode", { size: 4, align: 4 }],
  ["reflect.Type", { size: 16, align: 8 }],
  ["reflect.Value", { size: 24, align: 8 }],
  ["strings.Builder", { size: 32, align: 8 }],
  ["strings.Reader", { size: 32, align: 8 }],
  ["sync.Cond", { size: 56, align: 8 }],
  ["sync.Map", { size: 40, align: 8 }],
  ["sync.Mutex", { size: 8, align: 4 }],
  ["sync.Once", { size: 12, align: 4 }],
  ["sync.Pool", { size: 40, align: 8 }],
  ["sync.RWMutex", { size: 24, align: 4 }],
  ["sync.WaitGroup", { size: 16, align: 8 }],
  ["sync/atomic.Bool", { size: 4, align: 4 }],
  ["sync/atomic.Int32", { size: 4, align: 4 }],
  ["sync/atomic.Int64", { size: 8, align: 8 }],
  ["sync/atomic.Pointer", { size: 8, align: 8 }],
  ["sync/atomic.Uint32", { size: 4, align: 4 }],
  ["sync/atomic.Uint64", { size: 8, align: 8 }],
  ["sync/atomic.Uintptr", { size: 8, align: 8 }],
  ["sync/atomic.Value", { size: 16, align: 8 }],
  ["time.Duration", { size: 8, align: 8 }],
  ["time.Month", { size: 8, align: 8 }],
  ["time.Time", { size: 24, align: 8 }],
  ["time.Weekday", { size: 8, align: 8 }],
]);
