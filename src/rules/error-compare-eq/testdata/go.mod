module example.com/errcompare

go 1.21
