module example.com/tick123

go 1.23
