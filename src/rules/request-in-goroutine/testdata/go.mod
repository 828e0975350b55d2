module example.com/reqgo

go 1.21
