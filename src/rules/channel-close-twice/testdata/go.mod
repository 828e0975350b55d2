module example.com/closetwice

go 1.21
