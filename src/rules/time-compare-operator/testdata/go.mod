module example.com/timecompare

go 1.21
