package product

import "time"

const defaultTimeout = 5 * time.Second

const retries = 3

type options struct {
	timeout time.Duration
	seconds int
}

func wait() time.Duration { return time.Second }

func products(timeout time.Duration, n int, opts options) []time.Duration {
	return []time.Duration{
		timeout * time.Second,              // want `timeout \* time\.Second multiplies two time\.Duration values, nanoseconds by nanoseconds`
		defaultTimeout * time.Millisecond,  // want `defaultTimeout \* time\.Millisecond multiplies two time\.Duration values`
		opts.timeout * time.Second,         // want `opts\.timeout \* time\.Second multiplies`
		time.Second * wait(),               // want `time\.Second \* wait\(\) multiplies`
		time.Duration(timeout) * time.Hour, // want `time\.Duration\(timeout\) \* time\.Hour multiplies`
		(timeout + time.Second) * timeout,  // want `multiplies two time\.Duration values`

		// near misses: one side is a plain count
		time.Duration(n) * time.Second,
		time.Duration(opts.seconds) * time.Second,
		2 * time.Second,
		retries * time.Second,
		timeout * 2,
		(timeout / time.Millisecond) * time.Millisecond,
		time.Duration(3) * timeout,
		time.Nanosecond * timeout,
		(1 << n) * 5 * time.Millisecond,
		(time.Duration(n) + 1) * time.Second,
	}
}

func scale(d time.Duration) time.Duration {
	d *= time.Second // want `d \*= time\.Second multiplies two time\.Duration values`
	d *= 2
	for i := time.Duration(1); i < 4; i++ {
		d += i * time.Second
	}
	return d
}

// Counts dressed as durations: the range value is a bare number of microseconds (runtime's
// proc_test.go).
func preemptionDelays() []time.Duration {
	var out []time.Duration
	for _, i := range []time.Duration{10, 100, 1000} {
		out = append(out, i*time.Microsecond)
	}
	return out
}
