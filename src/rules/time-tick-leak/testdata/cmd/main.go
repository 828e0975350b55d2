package main

import (
	"fmt"
	"time"
)

func wait() {
	<-time.Tick(time.Millisecond)
}

func main() {
	wait()
	for i := 0; i < 3; i++ {
		<-time.Tick(time.Millisecond) // want "time.Tick in a loop starts a new ticker"
		fmt.Println(i)
	}
}
