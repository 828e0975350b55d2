module example.com/tlsinsecure

go 1.21
