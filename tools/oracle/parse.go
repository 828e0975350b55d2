package main

import (
	"bufio"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io"
	"reflect"
)

// runParse reads file paths on in, one per line, and for each writes one JSON line:
//
//	{"file":path,"ok":bool,"errors":["line:col: msg",...],"nodes":[[kind,pos,end],...],"comments":[...]}
//
// nodes lists every node ast.Inspect visits, in preorder, with kind the go/ast type name and
// pos/end byte offsets (-1 for token.NoPos); comments lists File.Comments the same way (each
// CommentGroup followed by its Comments). Both are omitted when ok is false: a rejected file's
// partial tree is not part of the contract.
func runParse(in io.Reader, out *bufio.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	kinds := map[reflect.Type][]byte{}
	var b []byte
	for sc.Scan() {
		path := sc.Text()
		if path == "" {
			continue
		}
		b = appendParse(b[:0], path, kinds)
		if _, err := out.Write(b); err != nil {
			return err
		}
	}
	return sc.Err()
}

func appendParse(b []byte, path string, kinds map[reflect.Type][]byte) []byte {
	// A FileSet per file keeps memory flat over thousands of files; offsets are relative to the
	// file's base either way.
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	b = append(b, `{"file":`...)
	b = appendString(b, path)
	b = append(b, `,"ok":`...)
	b = appendBool(b, err == nil)
	b = append(b, `,"errors":[`...)
	if err != nil {
		if list, isList := err.(scanner.ErrorList); isList {
			for i, e := range list {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendString(b, itoa(e.Pos.Line)+":"+itoa(e.Pos.Column)+": "+e.Msg)
			}
		} else {
			b = appendString(b, "0:0: "+err.Error())
		}
	}
	b = append(b, ']')
	if err == nil {
		base := fset.File(file.Package).Base()
		offset := func(p token.Pos) int {
			if !p.IsValid() {
				return -1
			}
			return int(p) - base
		}
		first := true
		visit := func(n ast.Node) bool {
			if n == nil {
				return false
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, '[')
			b = append(b, kindName(n, kinds)...)
			b = append(b, ',')
			b = appendInt(b, offset(n.Pos()))
			b = append(b, ',')
			b = appendInt(b, offset(n.End()))
			b = append(b, ']')
			return true
		}
		b = append(b, `,"nodes":[`...)
		ast.Inspect(file, visit)
		// ast.Inspect does not visit File.Comments, yet every comment in order is what
		// directives (//go:build, //nolint, "Code generated") are read from: list them too.
		b = append(b, `],"comments":[`...)
		first = true
		for _, g := range file.Comments {
			ast.Inspect(g, visit)
		}
		b = append(b, ']')
	}
	return append(b, "}\n"...)
}

// kindName returns the quoted go/ast type name of n ("CallExpr" for *ast.CallExpr).
func kindName(n ast.Node, kinds map[reflect.Type][]byte) []byte {
	t := reflect.TypeOf(n)
	if k, ok := kinds[t]; ok {
		return k
	}
	name := t.String()
	if t.Kind() == reflect.Pointer {
		name = t.Elem().Name()
	}
	k := appendString(nil, name)
	kinds[t] = k
	return k
}
