module example.com/sqlpool

go 1.21
