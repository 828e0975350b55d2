module example.com/errwrap

go 1.21
