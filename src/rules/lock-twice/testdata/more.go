package locks

import "log"

// Released before a panic and in a deferred closure; log.Fatal ends its path.
func (c *Counter) Check(k string) {
	c.mu.Lock()
	if c.n == nil {
		c.mu.Unlock()
		panic("nil map")
	}
	c.mu.Unlock()
	if k == "" {
		log.Fatal("empty key")
	}
	c.mu.Lock()
	defer func() { c.mu.Unlock() }()
	c.n[k]++
}

// Locked again only after a path that exits the program.
func (c *Counter) Exit(k string) {
	c.mu.Lock()
	if k == "" {
		log.Fatalf("empty key")
		c.mu.Lock()
	}
	c.mu.Unlock()
}
