module example.com/structpadding

go 1.21
