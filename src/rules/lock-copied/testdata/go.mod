module example.com/lockcopied

go 1.21
