module example.com/defereager

go 1.22
