package application_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/subject"
)

var notifyEmail = subject.Contact{Channel: subject.ChannelEmail, Value: "ivanov@example.ru"}

func TestProcessedNotification(t *testing.T) {
	t.Parallel()
	n := application.ProcessedNotification(" MFC01-2026-000001 ", "1234567890", notifyEmail)
	assert.Equal(t, application.NotificationProcessed, n.Kind)
	assert.Equal(t, notifyEmail, n.To)
	assert.Equal(t, "Заявление № MFC01-2026-000001 обработано", n.Subject)
	assert.Contains(t, n.Body, "Ваше заявление № MFC01-2026-000001 обработано: открыт лицевой счет № 1234567890.")
	require.NoError(t, n.Validate())
}

func TestRejectedNotification(t *testing.T) {
	t.Parallel()
	tests := []struct{ reason, want string }{
		{"не представлена выписка из ЕГРН", "Ваше заявление № MFC01-2026-000002 отклонено. Причина: не представлена выписка из ЕГРН."},
		{"заявитель не собственник.", "отклонено. Причина: заявитель не собственник.\n"},
		{"  ", "отклонено. Причина не указана."},
	}
	for _, tc := range tests {
		n := application.RejectedNotification("MFC01-2026-000002", tc.reason, notifyEmail)
		assert.Equal(t, application.NotificationRejected, n.Kind)
		assert.Equal(t, "Заявление № MFC01-2026-000002 отклонено", n.Subject)
		assert.Contains(t, n.Body, tc.want)
		require.NoError(t, n.Validate())
	}
}

func TestNotificationValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		edit  func(*application.Notification)
		codes []string
	}{
		{"valid", func(*application.Notification) {}, nil},
		{"phone", func(n *application.Notification) {
			n.To = subject.Contact{Channel: subject.ChannelPhone, Value: "+79123456789"}
		}, []string{application.CodeNotificationTo}},
		{"bad e-mail", func(n *application.Notification) { n.To.Value = "ivanov@" }, []string{application.CodeNotificationTo}},
		{"everything", func(n *application.Notification) {
			*n = application.Notification{Kind: "sent"}
		}, []string{application.CodeNotificationTo, application.CodeNotificationSubject, application.CodeNotificationBody, application.CodeNotificationKind}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n := application.ProcessedNotification("MFC01-2026-000001", "1", notifyEmail)
			tc.edit(&n)
			err := n.Validate()
			if tc.codes == nil {
				require.NoError(t, err)
				return
			}
			var ve *application.ValidationError
			require.ErrorAs(t, err, &ve)
			got := []string{}
			for _, v := range ve.Violations {
				got = append(got, v.Code)
			}
			assert.Equal(t, tc.codes, got)
		})
	}
}
