module example.com/httprequestnocontext

go 1.21
