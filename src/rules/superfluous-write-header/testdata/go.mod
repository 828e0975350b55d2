module example.com/superfluous

go 1.21
