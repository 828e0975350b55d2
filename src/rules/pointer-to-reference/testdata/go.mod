module example.com/ptrref

go 1.21
