package cancel

import (
	"context"
	"errors"
	"log"
	"net/http"
	"time"
)

// --- positives ---

func earlyReturn(parent context.Context, do func(context.Context) error, retry bool) error {
	ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel function of context.WithTimeout is not called when the function returns at line 16`
	if !retry {
		return do(ctx)
	}
	defer cancel()
	return do(ctx)
}

func discarded(parent context.Context) context.Context {
	ctx, _ := context.WithCancel(parent) // want `cancel function of context.WithCancel is discarded`
	return ctx
}

func neverCalled(parent context.Context, do func(context.Context)) {
	ctx, cancel := context.WithDeadline(parent, time.Now().Add(time.Minute)) // want `not called when the function ends at line 31`
	do(ctx)
	_ = ctx
}

func onErrorOnly(r *http.Request, do func(context.Context) error) error {
	ctx, cancel := context.WithCancel(r.Context()) // want `not called when the function returns at line 39`
	if err := do(ctx); err != nil {
		cancel()
		return err
	}
	return nil
}

func causeVariant(parent context.Context, do func(context.Context) error) error {
	ctx, cancel := context.WithCancelCause(parent) // want `cancel function of context.WithCancelCause is not called`
	return do(ctx)
}

func loop(parent context.Context, jobs []func(context.Context) error) {
	for _, job := range jobs {
		ctx, cancel := context.WithTimeout(parent, time.Second) // want `cancel function of context.WithTimeout is not called`
		if err := job(ctx); err != nil {
			continue
		}
		cancel()
	}
}

// --- negatives ---

func deferred(parent context.Context, do func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	return do(ctx)
}

func returned(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return ctx, cancel
}

func returnedDirectly(parent context.Context) (context.Context, context.CancelFunc) {
	return context.WithCancel(parent)
}

type worker struct{ stop context.CancelFunc }

func (w *worker) start(parent context.Context, run func(context.Context)) {
	ctx, cancel := context.WithCancel(parent)
	w.stop = cancel
	go run(ctx)
}

func inGoroutine(parent context.Context, run func(context.Context)) {
	ctx, cancel := context.WithCancel(parent)
	go func() {
		defer cancel()
		run(ctx)
	}()
}

func everyBranch(parent context.Context, mode int, do func(context.Context) error) error {
	ctx, cancel := context.WithCancel(parent)
	switch mode {
	case 0:
		cancel()
		return nil
	case 1:
		err := do(ctx)
		cancel()
		return err
	default:
		cancel()
	}
	return errors.New("mode")
}

func fatal(parent context.Context, do func(context.Context) error) {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	if err := do(ctx); err != nil {
		log.Fatal(err)
	}
	cancel()
}

func deferredClosure(parent context.Context, do func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer func() {
		cancel()
	}()
	return do(ctx)
}

func named(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(parent)
	return
}
