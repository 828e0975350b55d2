module example.com/jsonembed

go 1.21
