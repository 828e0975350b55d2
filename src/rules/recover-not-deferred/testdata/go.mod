module example.com/recov

go 1.21
