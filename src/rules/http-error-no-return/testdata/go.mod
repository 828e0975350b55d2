module example.com/errret

go 1.21
