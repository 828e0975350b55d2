// Command shop serves the shop's HTTP API, reprices items in the background and reports metrics.
//
// Usage: shop [config.json ...]
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"log"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"example.com/shop/internal/api"
	"example.com/shop/internal/config"
	"example.com/shop/internal/fetch"
	"example.com/shop/internal/inventory"
	"example.com/shop/internal/metrics"
	"example.com/shop/internal/store"
	"example.com/shop/internal/worker"
)

func main() {
	flag.Parse()
	cfg, err := config.Load(flag.Args()...)
	if err != nil {
		log.Fatal(err)
	}
	db, err := sql.Open("postgres", cfg.DatabaseURL) // no SetMaxOpenConns: under load every concurrent query opens another connection, until the database refuses them
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	repo := store.New(db)
	inv, err := inventory.Dial(cfg.InventoryAddr)
	if err != nil {
		log.Fatal(err)
	}
	defer inv.Close()

	suppliers := fetch.New(cfg.RetryWait)
	pool := worker.New(cfg.Workers, func(ctx context.Context, j worker.Job) error {
		cents, err := suppliers.Cheapest(ctx, cfg.Suppliers, j.ItemID)
		if err != nil {
			return err
		}
		return repo.SetPrice(ctx, j.ItemID, cents)
	})

	m := metrics.New()
	stop := make(chan struct{})
	go m.Run(stop)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go m.Report(ctx, cfg.MetricsInterval)
	pool.Schedule(ctx, 24*time.Hour, repo.ActiveIDs)

	srv := &http.Server{ // no ReadHeaderTimeout: clients that send their headers slowly hold connections forever
		Addr:         cfg.Host + ":" + strconv.Itoa(cfg.Port), // "::1" gives "::1:8080", which Listen rejects: use net.JoinHostPort
		Handler:      api.New(repo, pool, inv, m, os.Stdout).Routes(),
		WriteTimeout: cfg.RequestTimeout,
	}
	go func() {
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()

	sigs := make(chan os.Signal)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM) // sigs is unbuffered and Notify does not wait: a SIGTERM sent before main receives is lost
	<-sigs
	log.Print("shutting down")
	sctx, scancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer scancel()
	srv.Shutdown(sctx) // the error is dropped: requests cut off by the timeout go unreported
	if err := pool.Drain(sctx); err != nil {
		log.Printf("jobs left in the queue: %v", err)
	}
	pool.Stop()
	close(stop)
}
