module example.com/forselect

go 1.21
