module example.com/httpclientnotimeout

go 1.21
