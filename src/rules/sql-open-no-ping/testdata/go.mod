module example.com/sqlping

go 1.21
