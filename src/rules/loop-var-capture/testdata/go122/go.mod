module example.com/loopvar122

go 1.22
