package application

import (
	"context"
	"strings"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/subject"
)

// NotificationKind tells what a notification to an applicant reports.
type NotificationKind string

// The kinds of notifications (уведомления об исполнении обращений).
const (
	// NotificationProcessed reports that the provider has processed the
	// application and opened the account.
	NotificationProcessed NotificationKind = "processed"
	// NotificationRejected reports that the provider has refused the
	// application.
	NotificationRejected NotificationKind = "rejected"
)

// Valid reports whether k is one of the kinds of notifications.
func (k NotificationKind) Valid() bool {
	return k == NotificationProcessed || k == NotificationRejected
}

// Stable codes of the violations of notifications.
const (
	// CodeNotificationTo: the recipient is not an e-mail contact with a
	// valid address.
	CodeNotificationTo = "notification.to"
	// CodeNotificationSubject: the subject is empty.
	CodeNotificationSubject = "notification.subject"
	// CodeNotificationBody: the body is empty.
	CodeNotificationBody = "notification.body"
	// CodeNotificationKind: the kind is not processed or rejected.
	CodeNotificationKind = "notification.kind"
)

// Notification is a message to an applicant about the result of an
// application, sent by e-mail.
type Notification struct {
	// To is the applicant's e-mail contact (subject.ChannelEmail).
	To subject.Contact `json:"to"`
	// Subject is the Russian subject line.
	Subject string `json:"subject"`
	// Body is the Russian plain text of the message.
	Body string `json:"body"`
	// Application is the ID of the application the message is about.
	Application uuid.UUID `json:"application"`
	// Kind tells a processed application from a rejected one.
	Kind NotificationKind `json:"kind"`
}

// Validate returns a *ValidationError (ErrInvalid) with every violation of
// the notification — an e-mail recipient with a valid address, a subject,
// a body and a known kind — or nil. The application ID is not required,
// so a notification made by ProcessedNotification can be checked before
// it is set.
func (n Notification) Validate() error {
	var vs []Violation
	if n.To.Channel != subject.ChannelEmail || subject.CheckEmail(n.To.Value) != nil {
		vs = append(vs, Violation{Field: "to", Code: CodeNotificationTo,
			Message: "Укажите верный адрес электронной почты заявителя"})
	}
	if strings.TrimSpace(n.Subject) == "" {
		vs = append(vs, Violation{Field: "subject", Code: CodeNotificationSubject, Message: "Укажите тему сообщения"})
	}
	if strings.TrimSpace(n.Body) == "" {
		vs = append(vs, Violation{Field: "body", Code: CodeNotificationBody, Message: "Укажите текст сообщения"})
	}
	if !n.Kind.Valid() {
		vs = append(vs, Violation{Field: "kind", Code: CodeNotificationKind, Message: "Неизвестный вид уведомления"})
	}
	return validation(vs)
}

// Notifier sends notifications to applicants. Implementations must be
// safe for concurrent use.
type Notifier interface {
	// Notify sends the notification. It returns the *ValidationError of
	// n.Validate (ErrInvalid) and sends nothing for a bad notification,
	// ctx.Err() when ctx is done, and the adapter's own errors for a
	// failed delivery.
	Notify(ctx context.Context, n Notification) error
}

const notificationSignature = "\n\nЭто сообщение отправлено автоматически, отвечать на него не нужно."

// ProcessedNotification builds the notification that the application with
// the registration number has been processed and the account opened. The
// caller sets Application.
func ProcessedNotification(regNumber, account string, to subject.Contact) Notification {
	regNumber, account = strings.TrimSpace(regNumber), strings.TrimSpace(account)
	return Notification{
		To:      to,
		Kind:    NotificationProcessed,
		Subject: "Заявление № " + regNumber + " обработано",
		Body: "Здравствуйте!\n\nВаше заявление № " + regNumber + " обработано: открыт лицевой счет № " + account + "." +
			notificationSignature,
	}
}

// RejectedNotification builds the notification that the application with
// the registration number has been rejected for the reason. The caller
// sets Application.
func RejectedNotification(regNumber, reason string, to subject.Contact) Notification {
	regNumber, reason = strings.TrimSpace(regNumber), strings.TrimSpace(reason)
	because := "Причина не указана."
	if reason != "" {
		because = "Причина: " + reason
		if !strings.HasSuffix(reason, ".") && !strings.HasSuffix(reason, "!") && !strings.HasSuffix(reason, "?") {
			because += "."
		}
	}
	return Notification{
		To:      to,
		Kind:    NotificationRejected,
		Subject: "Заявление № " + regNumber + " отклонено",
		Body:    "Здравствуйте!\n\nВаше заявление № " + regNumber + " отклонено. " + because + notificationSignature,
	}
}
