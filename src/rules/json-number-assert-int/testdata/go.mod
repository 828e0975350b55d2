module example.com/jsonnum

go 1.21
