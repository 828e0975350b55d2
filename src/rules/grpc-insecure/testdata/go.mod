module example.com/grpcinsecure

go 1.21

require google.golang.org/grpc v1.58.3
