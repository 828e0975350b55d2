package main

import (
	"fmt"
	"os"
)

func main() {
	f, err := os.Open("config.json")
	if err != nil {
		return
	}
	fmt.Println(f.Name())
}

func load() string {
	f, err := os.Open("x") // want `file opened by os.Open is not closed`
	if err != nil {
		return ""
	}
	return f.Name()
}
