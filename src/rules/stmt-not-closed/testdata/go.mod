module example.com/stmt

go 1.21
