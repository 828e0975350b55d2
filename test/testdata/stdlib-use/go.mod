module example.com/stdlibuse

go 1.23
