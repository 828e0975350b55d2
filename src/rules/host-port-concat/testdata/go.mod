module example.com/hostport

go 1.21
