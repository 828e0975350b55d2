package signals

import (
	"os"
	"os/signal"
	"syscall"
)

var global = make(chan os.Signal)

var globalBuffered = make(chan os.Signal, 1)

func unbuffered() {
	sigs := make(chan os.Signal)
	signal.Notify(sigs, os.Interrupt) // want `signal.Notify with unbuffered channel sigs: .* make\(chan os.Signal, 1\)`
	<-sigs
}

func zeroBuffer() {
	sigs := make(chan os.Signal, 0)
	signal.Notify(sigs, syscall.SIGTERM) // want `unbuffered channel sigs`
	<-sigs
}

func declared() {
	var done = make(chan os.Signal)
	signal.Notify(done, syscall.SIGINT, syscall.SIGTERM) // want `unbuffered channel done`
	<-done
}

func packageLevel() {
	signal.Notify(global) // want `unbuffered channel global`
	<-global
}

func buffered() {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt)
	<-sigs
}

func bufferedDeclared() {
	var done = make(chan os.Signal, 2)
	signal.Notify(done, syscall.SIGINT, syscall.SIGTERM)
	<-done
}

func packageLevelBuffered() {
	signal.Notify(globalBuffered)
	<-globalBuffered
}

func parameter(ch chan os.Signal) {
	// the caller made the channel: its buffer is not known here
	signal.Notify(ch, os.Interrupt)
}

func stop() {
	sigs := make(chan os.Signal)
	// only Notify sends on the channel
	signal.Stop(sigs)
}
