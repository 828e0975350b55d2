module example.com/stdconst

go 1.21
