module example.com/sqlquery

go 1.21
