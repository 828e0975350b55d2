module example.com/deferfirst

go 1.21
