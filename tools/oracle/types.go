package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/constant"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// runTypes type-checks packages with go/types and writes, per package, one JSON line (see
// README.md for the format). Arguments are directories (every package in and below them) or
// import paths (that one package).
//
// Imports are type-checked from source by our own importer (below) rather than
// importer.ForCompiler(fset, "source", nil): it caches every package once for the whole run,
// never runs cgo (cgo files load with FakeImportC, as gopitfall loads them), and can give an
// external test package the test variant of the package under test, as `go test` does.
func runTypes(args []string, out *bufio.Writer) error {
	flags := flag.NewFlagSet("types", flag.ContinueOnError)
	tests := flags.Bool("tests", true, "include _test.go files and external test packages")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() == 0 {
		return errors.New("types: give directories or import paths")
	}

	ctxt := build.Default
	// Cgo files are loaded (with FakeImportC, so no C compiler runs) unless CGO_ENABLED=0 says
	// otherwise; go/build would otherwise decide by whether a C compiler is installed, and the
	// dump would differ between machines.
	ctxt.CgoEnabled = os.Getenv("CGO_ENABLED") != "0"
	// go/build finds the standard library's vendored packages only for directories it sees
	// below GOROOT/src as spelled, and Debian's GOROOT/src is a symlink: a directory argument
	// that really is inside it is walked under GOROOT's own spelling.
	gorootSrc := filepath.Join(ctxt.GOROOT, "src")
	realGorootSrc := canonical(gorootSrc)

	l := newLoader(&ctxt)
	var units []*build.Package
	for _, arg := range flags.Args() {
		if st, err := os.Stat(arg); err == nil && st.IsDir() {
			abs, err := filepath.Abs(arg)
			if err != nil {
				return err
			}
			root := canonical(abs)
			if rel, err := filepath.Rel(realGorootSrc, root); err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
				root = filepath.Join(gorootSrc, rel)
			}
			dirs, err := packageDirs(root)
			if err != nil {
				return err
			}
			for _, dir := range dirs {
				bp, err := l.importDir(dir)
				if err != nil {
					var noGo *build.NoGoError
					if errors.As(err, &noGo) {
						continue
					}
					writeFailure(out, dir, err)
					continue
				}
				units = append(units, bp)
			}
			continue
		}
		cwd, err := os.Getwd()
		if err != nil {
			return err
		}
		bp, err := l.resolve(arg, cwd)
		if err != nil {
			writeFailure(out, arg, err)
			continue
		}
		units = append(units, bp)
	}

	var b []byte
	for _, bp := range units {
		files := append(append([]string(nil), bp.GoFiles...), bp.CgoFiles...)
		if *tests {
			files = append(files, bp.TestGoFiles...)
		}
		variant := ""
		if *tests && len(bp.TestGoFiles) > 0 {
			variant = "test"
		}
		var pkg *types.Package
		if len(files) > 0 {
			var err error
			pkg, b, err = l.dump(b[:0], l.root, bp, bp.ImportPath, variant, files)
			if err != nil {
				writeFailure(out, bp.Dir, err)
				continue
			}
			if _, err := out.Write(b); err != nil {
				return err
			}
		}
		if *tests && len(bp.XTestGoFiles) > 0 {
			// The external test package sees the package under test with its _test.go files,
			// and every package that imports it is checked again against that variant.
			s := l.root
			if pkg != nil {
				s = &scope{l: l, parent: l.root, target: bp.ImportPath, override: pkg, pkgs: map[string]*types.Package{}, depends: map[string]int8{}}
			}
			var err error
			_, b, err = l.dump(b[:0], s, bp, bp.ImportPath+"_test", "xtest", bp.XTestGoFiles)
			if err != nil {
				writeFailure(out, bp.Dir, err)
				continue
			}
			if _, err := out.Write(b); err != nil {
				return err
			}
		}
	}
	return nil
}

func canonical(path string) string {
	if path == "" {
		return path
	}
	if p, err := filepath.EvalSymlinks(path); err == nil {
		return p
	}
	return path
}

// packageDirs lists root and its subdirectories the way the go command's `dir/...` does:
// testdata, vendor and directories whose name starts with "." or "_" are skipped.
func packageDirs(root string) ([]string, error) {
	dirs := []string{root}
	for i := 0; i < len(dirs); i++ {
		entries, err := os.ReadDir(dirs[i])
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() || name == "testdata" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				continue
			}
			dirs = append(dirs, filepath.Join(dirs[i], name))
		}
	}
	sort.Strings(dirs)
	return dirs, nil
}

func writeFailure(out *bufio.Writer, where string, err error) {
	b := append([]byte(`{"dir":`), appendString(nil, where)...)
	b = append(b, `,"failure":`...)
	b = appendString(b, err.Error())
	b = append(b, "}\n"...)
	out.Write(b)
}

type loader struct {
	ctxt     *build.Context
	realDirs map[string]string // directory → its path without symlinks, for the dump
	fset     *token.FileSet
	sizes    types.Sizes
	resolved map[[2]string]*build.Package // (import path, importing dir) → package
	root     *scope
}

func newLoader(ctxt *build.Context) *loader {
	l := &loader{
		ctxt:     ctxt,
		fset:     token.NewFileSet(),
		sizes:    types.SizesFor("gc", ctxt.GOARCH),
		resolved: map[[2]string]*build.Package{},
		realDirs: map[string]string{},
	}
	if l.sizes == nil {
		l.sizes = types.SizesFor("gc", runtime.GOARCH)
	}
	l.root = &scope{l: l, pkgs: map[string]*types.Package{}}
	return l
}

func (l *loader) resolve(path, dir string) (*build.Package, error) {
	key := [2]string{path, dir}
	if bp, ok := l.resolved[key]; ok {
		return bp, nil
	}
	bp, err := l.ctxt.Import(path, dir, 0)
	if err != nil {
		return nil, err
	}
	if bp.ImportPath == "." || bp.ImportPath == "" {
		bp.ImportPath = moduleImportPath(bp.Dir)
	}
	l.resolved[key] = bp
	return bp, nil
}

// realDir returns dir without symlinks: one file reached through different spellings of its
// directory (GOROOT/src is a symlink on Debian) must have one path in the dump.
func (l *loader) realDir(dir string) string {
	if r, ok := l.realDirs[dir]; ok {
		return r
	}
	r := canonical(dir)
	l.realDirs[dir] = r
	return r
}

func (l *loader) importDir(dir string) (*build.Package, error) {
	return l.resolve(".", dir)
}

// moduleImportPath derives a directory's import path from the nearest go.mod above it, or
// falls back to go/build's convention for code outside any module ("_" + directory).
func moduleImportPath(dir string) string {
	for d := dir; ; {
		if data, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			for _, line := range strings.Split(string(data), "\n") {
				fields := strings.Fields(line)
				if len(fields) >= 2 && fields[0] == "module" {
					mod := strings.Trim(fields[1], `"`)
					rel, err := filepath.Rel(d, dir)
					if err != nil || rel == "." {
						return mod
					}
					return mod + "/" + filepath.ToSlash(rel)
				}
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "_" + filepath.ToSlash(dir)
		}
		d = parent
	}
}

func (l *loader) parseFiles(dir string, names []string) ([]*ast.File, error) {
	files := make([]*ast.File, 0, len(names))
	for _, name := range names {
		// Syntax errors still give a partial tree worth checking; only unreadable files fail.
		f, err := parser.ParseFile(l.fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if f == nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// scope is an importer: a cache of type-checked packages (declarations only). The root scope
// serves plain packages. A child scope, made for an external test package, returns the test
// variant of the package under test (target) and checks again every package that depends on it;
// everything else comes from the parent.
type scope struct {
	l        *loader
	parent   *scope
	target   string
	override *types.Package
	pkgs     map[string]*types.Package // nil value: being checked (an import cycle)
	depends  map[string]int8           // 1: depends on target, -1: does not, 0: being computed
}

func (s *scope) Import(path string) (*types.Package, error) {
	return s.ImportFrom(path, "", 0)
}

func (s *scope) ImportFrom(path, dir string, _ types.ImportMode) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	bp, err := s.l.resolve(path, dir)
	if err != nil {
		return nil, err
	}
	return s.load(bp)
}

func (s *scope) load(bp *build.Package) (*types.Package, error) {
	key := bp.ImportPath
	if s.parent != nil {
		if key == s.target {
			return s.override, nil
		}
		if !s.dependsOnTarget(bp) {
			return s.parent.load(bp)
		}
	}
	if pkg, ok := s.pkgs[key]; ok {
		if pkg == nil {
			return nil, fmt.Errorf("import cycle through %s", key)
		}
		return pkg, nil
	}
	s.pkgs[key] = nil
	files, err := s.l.parseFiles(bp.Dir, append(append([]string(nil), bp.GoFiles...), bp.CgoFiles...))
	if err != nil {
		delete(s.pkgs, key)
		return nil, err
	}
	conf := types.Config{
		Importer:         s,
		Sizes:            s.l.sizes,
		FakeImportC:      true,
		IgnoreFuncBodies: true,
		Error:            func(error) {},
	}
	// Errors are ignored: a package with errors is still the best view of its declarations.
	pkg, _ := conf.Check(key, s.l.fset, files, nil)
	s.pkgs[key] = pkg
	return pkg, nil
}

func (s *scope) dependsOnTarget(bp *build.Package) bool {
	key := bp.ImportPath
	if key == s.target {
		return true
	}
	switch s.depends[key] {
	case 1:
		return true
	case -1:
		return false
	}
	if _, seen := s.depends[key]; seen {
		return false // a cycle: answered by the caller that started it
	}
	s.depends[key] = 0
	result := int8(-1)
	for _, imp := range bp.Imports {
		if imp == "C" || imp == "unsafe" {
			continue
		}
		dep, err := s.l.resolve(imp, bp.Dir)
		if err == nil && s.dependsOnTarget(dep) {
			result = 1
			break
		}
	}
	s.depends[key] = result
	return result == 1
}

// dump type-checks one package with bodies and full information and appends its JSON line.
func (l *loader) dump(b []byte, s *scope, bp *build.Package, path, variant string, names []string) (*types.Package, []byte, error) {
	sort.Strings(names)
	files, err := l.parseFiles(bp.Dir, names)
	if err != nil {
		return nil, b, err
	}
	var errs []string
	nerrs := 0
	conf := types.Config{
		Importer:    s,
		Sizes:       l.sizes,
		FakeImportC: true,
		Error: func(err error) {
			nerrs++
			if len(errs) < 10 {
				errs = append(errs, err.Error())
			}
		},
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Defs:  map[*ast.Ident]types.Object{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	pkg, _ := conf.Check(path, l.fset, files, info)

	d := dumper{l: l, index: map[*token.File]int{}}
	for _, f := range files {
		d.fileIndex(l.fset.File(f.Package))
	}
	nfiles := len(d.paths)

	b = append(b, `{"path":`...)
	b = appendString(b, path)
	b = append(b, `,"name":`...)
	b = appendString(b, pkg.Name())
	b = append(b, `,"variant":`...)
	b = appendString(b, variant)
	b = append(b, `,"dir":`...)
	b = appendString(b, l.realDir(bp.Dir))
	b = append(b, `,"files":[`...)
	for i, p := range d.paths[:nfiles] {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p)
	}
	b = append(b, `],"errorCount":`...)
	b = appendInt(b, nerrs)
	b = append(b, `,"errors":[`...)
	for i, e := range errs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, e)
	}
	b = append(b, ']')

	// Rows are built first because they add declaring files of other packages to paths,
	// which is written last.
	var rows []byte
	rows = append(rows, `,"defs":[`...)
	rows = d.appendIdents(rows, info.Defs)
	rows = append(rows, `],"uses":[`...)
	rows = d.appendIdents(rows, info.Uses)
	rows = append(rows, `],"exprs":[`...)
	rows = d.appendExprs(rows, info.Types)
	rows = append(rows, ']')
	b = append(b, rows...)

	b = append(b, `,"paths":[`...)
	for i, p := range d.paths {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, p)
	}
	b = append(b, "]}\n"...)
	return pkg, b, nil
}

type dumper struct {
	l     *loader
	paths []string
	index map[*token.File]int
}

func (d *dumper) fileIndex(f *token.File) int {
	if i, ok := d.index[f]; ok {
		return i
	}
	i := len(d.paths)
	name := f.Name()
	d.paths = append(d.paths, filepath.Join(d.l.realDir(filepath.Dir(name)), filepath.Base(name)))
	d.index[f] = i
	return i
}

// position returns (path index, byte offset), or (-1, -1) for token.NoPos.
func (d *dumper) position(p token.Pos) (int, int) {
	if !p.IsValid() {
		return -1, -1
	}
	f := d.l.fset.File(p)
	if f == nil {
		return -1, -1
	}
	return d.fileIndex(f), int(p) - f.Base()
}

type identRow struct {
	file, offset int
	obj          types.Object
}

func (d *dumper) appendIdents(b []byte, m map[*ast.Ident]types.Object) []byte {
	rows := make([]identRow, 0, len(m))
	for id, obj := range m {
		file, offset := d.position(id.Pos())
		rows = append(rows, identRow{file, offset, obj})
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].file != rows[j].file {
			return rows[i].file < rows[j].file
		}
		return rows[i].offset < rows[j].offset
	})
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendInt(b, r.file)
		b = append(b, ',')
		b = appendInt(b, r.offset)
		b = append(b, ',', '"')
		b = append(b, objectKind(r.obj)...)
		b = append(b, '"', ',')
		declFile, declOffset := -1, -1
		if r.obj != nil {
			declFile, declOffset = d.position(r.obj.Pos())
		}
		b = appendInt(b, declFile)
		b = append(b, ',')
		b = appendInt(b, declOffset)
		b = append(b, ']')
	}
	return b
}

func objectKind(obj types.Object) string {
	switch obj.(type) {
	case nil:
		return "none"
	case *types.Const:
		return "const"
	case *types.TypeName:
		return "type"
	case *types.Var:
		return "var"
	case *types.Func:
		return "func"
	case *types.PkgName:
		return "pkgname"
	case *types.Label:
		return "label"
	case *types.Builtin:
		return "builtin"
	case *types.Nil:
		return "nil"
	}
	return "unknown"
}

type exprRow struct {
	file, pos, end int
	tv             types.TypeAndValue
}

func (d *dumper) appendExprs(b []byte, m map[ast.Expr]types.TypeAndValue) []byte {
	rows := make([]exprRow, 0, len(m))
	for e, tv := range m {
		file, pos := d.position(e.Pos())
		end := -1
		if e.End().IsValid() {
			end = int(e.End()) - (int(e.Pos()) - pos)
		}
		rows = append(rows, exprRow{file, pos, end, tv})
	}
	// Outer expressions first, as a preorder walk meets them.
	sort.Slice(rows, func(i, j int) bool {
		a, c := rows[i], rows[j]
		if a.file != c.file {
			return a.file < c.file
		}
		if a.pos != c.pos {
			return a.pos < c.pos
		}
		return a.end > c.end
	})
	for i, r := range rows {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendInt(b, r.file)
		b = append(b, ',')
		b = appendInt(b, r.pos)
		b = append(b, ',')
		b = appendInt(b, r.end)
		b = append(b, ',')
		b = appendString(b, types.TypeString(r.tv.Type, nil))
		b = append(b, ',', '"')
		b = append(b, mode(r.tv)...)
		b = append(b, '"')
		if v, ok := constantText(r.tv.Value, r.end-r.pos); ok {
			b = append(b, ',')
			b = appendString(b, v)
		}
		b = append(b, ']')
	}
	return b
}

// maxConstant bounds the constant values written: longer ones are left out of the dump.
const maxConstant = 1024

// constantText returns a constant's exact value, or false when it is nil or too long to be
// worth dumping. span is the length of the expression's source.
func constantText(v constant.Value, span int) (string, bool) {
	if v == nil {
		return "", false
	}
	if v.Kind() == constant.String {
		// go/constant concatenates strings lazily and flattens (and keeps) the result when asked
		// for it: asking at every level of a long "a" + "b" + ... chain, such as
		// time/tzdata's 1.4 MB constant, costs quadratic time and memory. Long spans are not
		// asked at all; a short expression naming a long constant flattens it only once.
		if span > 4*maxConstant || len(constant.StringVal(v)) > maxConstant {
			return "", false
		}
		return v.ExactString(), true
	}
	s := v.ExactString()
	if len(s) > maxConstant {
		// Exact rationals of large floats run to hundreds of digits; the short form is enough.
		s = v.String()
	}
	return s, true
}

// mode names go/types' operand mode, which TypeAndValue only exposes through predicates.
func mode(tv types.TypeAndValue) string {
	switch {
	case tv.IsVoid():
		return "novalue"
	case tv.IsBuiltin():
		return "builtin"
	case tv.IsType():
		return "type"
	case tv.Value != nil:
		return "const"
	case tv.IsNil():
		return "nil"
	case tv.Addressable():
		return "var"
	case tv.HasOk():
		return "commaok"
	case tv.Assignable():
		return "mapindex"
	}
	return "value"
}
