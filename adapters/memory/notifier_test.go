package memory_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/adapters/memory"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/subject"
)

func TestNotifier(t *testing.T) {
	t.Parallel()
	n := memory.NewNotifier()
	to := subject.Contact{Channel: subject.ChannelEmail, Value: "ivanov@example.ru"}
	msg := application.ProcessedNotification("MFC01-2026-000001", "1234567890", to)
	require.NoError(t, n.Notify(t.Context(), msg))

	bad := msg
	bad.To = subject.Contact{Channel: subject.ChannelPhone, Value: "+79123456789"}
	require.ErrorIs(t, n.Notify(t.Context(), bad), application.ErrInvalid)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	require.ErrorIs(t, n.Notify(ctx, msg), context.Canceled)

	sent := n.Sent()
	require.Equal(t, []application.Notification{msg}, sent, "only the valid notification is recorded")
	sent[0].Body = "changed"
	assert.Equal(t, msg, n.Sent()[0], "Sent returns a copy")
}

func TestNotifierConcurrent(t *testing.T) {
	t.Parallel()
	n := memory.NewNotifier()
	to := subject.Contact{Channel: subject.ChannelEmail, Value: "ivanov@example.ru"}
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			assert.NoError(t, n.Notify(t.Context(), application.RejectedNotification(fmt.Sprintf("MFC01-2026-%06d", i+1), "нет документов", to)))
			_ = n.Sent()
		})
	}
	wg.Wait()
	assert.Len(t, n.Sent(), 50)
}
