module example.com/cancel

go 1.21
