module example.com/breaksel

go 1.21
