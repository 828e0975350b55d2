module example.com/largevalue

go 1.21
