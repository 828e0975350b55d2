module example.com/errignored

go 1.21
