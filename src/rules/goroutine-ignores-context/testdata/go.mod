module example.com/ignorectx

go 1.21

require golang.org/x/sync v0.5.0
