package main

import "time"

func main() {
	go func() {
		for range time.Tick(time.Second) {
			println("tick")
		}
	}()
	select {}
}
