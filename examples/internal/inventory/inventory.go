// Package inventory reserves stock in the inventory service over gRPC.
package inventory

import (
	"context"

	"google.golang.org/grpc"
)

// Client is a connection to the inventory service.
type Client struct {
	conn *grpc.ClientConn
}

// Dial connects to the inventory service at addr.
func Dial(addr string) (*Client, error) {
	conn, err := grpc.Dial(addr, grpc.WithInsecure()) // plaintext: reservations and their auth tokens cross the network unencrypted
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn}, nil
}

type reserveRequest struct {
	ItemID   int64
	Quantity int32
}

type reserveReply struct {
	Reserved bool
}

// Reserve holds quantity units of an item; it reports whether they were available.
func (c *Client) Reserve(ctx context.Context, item int64, quantity int32) (bool, error) {
	var reply reserveReply
	err := c.conn.Invoke(ctx, "/inventory.Inventory/Reserve", &reserveRequest{ItemID: item, Quantity: quantity}, &reply)
	return reply.Reserved, err
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }
