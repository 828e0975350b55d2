module example.com/contextnotpropagated

go 1.21
