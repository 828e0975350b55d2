package locks

import "log"

// Released before a panic; a log.Fatal path keeps the lock but never returns.
func (c *Counter) Fatal(x int) {
	c.mu.Lock()
	if x < 0 {
		c.mu.Unlock()
		panic("negative")
	}
	if x == 0 {
		log.Fatal("zero")
	}
	c.mu.Unlock()
}

// The panic path released it; the other path still holds it here.
func (c *Counter) AfterPanic(x int) {
	c.mu.Lock()
	if x < 0 {
		c.mu.Unlock()
		log.Panicf("negative %d", x)
	}
	c.n = x
	c.mu.Unlock()
}
