module example.com/shop

go 1.21

require (
	example.com/ratelimit v0.3.1
	google.golang.org/grpc v1.58.3
)

// Our fork of the rate limiter, patched while the fix waits for review upstream.
replace example.com/ratelimit => ./third_party/ratelimit // a directory on this disk: CI and colleagues build other code, or none
