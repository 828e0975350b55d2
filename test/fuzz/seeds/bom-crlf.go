// This seed starts with a byte order mark and ends its lines with CR LF.
package seeds

/*
#include <stdio.h>
*/
import "C"

var crlf = `raw
string`

func cgo() {
	C.puts(C.CString("hi"))
}
