module example.com/closeerr

go 1.21
