// Package linked orders its accesses through the runtime, as sync.Pool does: runtime_procPin is
// implemented in the runtime and linked in, so the plain reads of local below are deliberate.
package linked

import (
	"sync/atomic"
	"unsafe"
)

type Pool struct {
	local     unsafe.Pointer
	localSize uintptr
}

func runtime_procPin() int

func runtime_procUnpin()

func (p *Pool) pinSlow(l unsafe.Pointer, size uintptr) {
	atomic.StorePointer(&p.local, l)
	atomic.StoreUintptr(&p.localSize, size)
}

func (p *Pool) pin() unsafe.Pointer {
	runtime_procPin()
	l := p.local // load-consume
	runtime_procUnpin()
	return l
}

// poolCleanup runs with the world stopped.
func poolCleanup(pools []*Pool) {
	for _, p := range pools {
		p.local = nil
		p.localSize = 0
	}
}
