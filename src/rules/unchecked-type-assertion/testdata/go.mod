module example.com/typeassert

go 1.21
