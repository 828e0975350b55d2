module example.com/errassert

go 1.21
