package client

import (
	"crypto/tls"

	"google.golang.org/grpc"
	rpc "google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
)

type options struct{}

// WithInsecure of another package is not gRPC's.
func (options) WithInsecure() grpc.DialOption { return grpc.WithBlock() }

func dial(addr string, cfg *tls.Config, o options) error {
	conn, err := grpc.Dial(addr, grpc.WithInsecure()) // want `grpc\.WithInsecure\(\) dials without transport security: RPCs and their credentials cross the network in plaintext`
	if err != nil {
		return err
	}
	defer conn.Close()

	opts := []grpc.DialOption{
		grpc.WithBlock(),
		grpc.WithInsecure(), // want `grpc\.WithInsecure\(\) dials without transport security`
	}
	_, _ = grpc.Dial(addr, opts...)
	_, _ = rpc.Dial(addr, rpc.WithInsecure()) // want `rpc\.WithInsecure\(\) dials without transport security`
	insecureOption := (grpc.WithInsecure)()   // want `grpc\.WithInsecure\(\) dials`
	_ = insecureOption

	// near misses: TLS credentials, plaintext said out loud, a method of the same name
	_, _ = grpc.Dial(addr, grpc.WithTransportCredentials(credentials.NewTLS(cfg)))
	_, _ = grpc.Dial(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	_, _ = grpc.Dial(addr, o.WithInsecure())
	_, _ = grpc.Dial(addr, grpc.WithBlock())
	return nil
}
