module example.com/durationbareint

go 1.21
