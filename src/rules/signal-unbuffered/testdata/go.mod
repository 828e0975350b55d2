module example.com/signalunbuffered

go 1.21
