package memory

import (
	"context"
	"slices"
	"sync"

	"github.com/openzhkh/zhkh/application"
)

// Notifier is an in-memory application.Notifier: it sends nothing and
// records every valid notification, for tests and for deployments that
// show notifications on screen.
type Notifier struct {
	mu   sync.Mutex
	sent []application.Notification
}

var _ application.Notifier = (*Notifier)(nil)

// NewNotifier returns a notifier that has recorded nothing.
func NewNotifier() *Notifier { return &Notifier{} }

// Notify checks the notification and records it.
func (n *Notifier) Notify(ctx context.Context, msg application.Notification) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := msg.Validate(); err != nil {
		return err
	}
	n.mu.Lock()
	n.sent = append(n.sent, msg)
	n.mu.Unlock()
	return nil
}

// Sent returns a copy of the recorded notifications, in the order Notify
// recorded them.
func (n *Notifier) Sent() []application.Notification {
	n.mu.Lock()
	defer n.mu.Unlock()
	return slices.Clone(n.sent)
}
