package maps

// A go statement that does not begin its line: the rule must still find the goroutine.
func oneLine(m map[int]int) { go func() { m[1] = 1 }(); m[2] = 2 } // want `map m is written in a goroutine`
