module example.com/httpservernotimeout

go 1.21
