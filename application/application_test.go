package application_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/address"
	"github.com/openzhkh/zhkh/application"
	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
)

var (
	appID       = uuid.MustParse("01900000-0000-7000-8000-000000000001")
	premiseID   = uuid.MustParse("01900000-0000-7000-8000-000000000002")
	applicantID = uuid.MustParse("01900000-0000-7000-8000-000000000003")
	providerID  = uuid.MustParse("01900000-0000-7000-8000-000000000004")
	userID      = uuid.MustParse("01900000-0000-7000-8000-000000000005")
	systemID    = uuid.MustParse("01900000-0000-7000-8000-000000000006")
	rightID     = uuid.MustParse("01900000-0000-7000-8000-000000000007")
	passportID  = uuid.MustParse("01900000-0000-7000-8000-000000000008")
	formID      = uuid.MustParse("01900000-0000-7000-8000-000000000009")
	reprID      = uuid.MustParse("01900000-0000-7000-8000-00000000000a")
	attorneyID  = uuid.MustParse("01900000-0000-7000-8000-00000000000b")
	otherID     = uuid.MustParse("01900000-0000-7000-8000-00000000000c")
)

const formKind = "account_opening_application"

var (
	today     = application.Date{Year: 2024, Month: time.March, Day: 15}
	createdAt = time.Date(2024, time.March, 15, 9, 0, 0, 0, time.UTC)
	user      = application.Actor{Kind: application.ActorUser, ID: userID}
	system    = application.Actor{Kind: application.ActorSystem, ID: systemID}
)

// validApp returns a complete application that CheckSend accepts with
// validFacts.
func validApp() *application.Application {
	return &application.Application{
		ID: appID,
		Premise: application.Premise{
			Object: premiseID, Area: decimal.RequireFromString("54.3"), Rooms: 2, Purpose: "residential",
		},
		Applicant: applicantID,
		Contacts:  []subject.Contact{{Channel: subject.ChannelPhone, Value: "+79123456789", Preferred: true}},
		Accounts:  []application.ExistingAccount{{Provider: otherID, Number: "100200300"}},
		Provider:  providerID,
		Rights: []subject.Right{{
			ID: rightID, Premise: premiseID, Kind: subject.RightSole,
			Registered: application.Date{Year: 2020, Month: time.June, Day: 1},
			Owners:     []subject.Owner{{Subject: applicantID, Kind: subject.OwnerPerson}},
		}},
		Meters: []application.Meter{{
			ID: "m1", Kind: application.MeterIndividual, Resource: "cold_water", SerialNumber: "SN-1",
			VerifiedOn:                application.Date{Year: 2022, Month: time.January, Day: 10},
			VerificationIntervalYears: 6,
			Seals:                     []application.Seal{{Number: "A-1", SetOn: application.Date{Year: 2022, Month: time.January, Day: 10}}},
			Readings:                  []application.Reading{{Value: decimal.RequireFromString("12.5"), TakenOn: application.Date{Year: 2024, Month: time.March, Day: 1}}},
		}},
		Documents: []uuid.UUID{passportID, formID},
		CreatedBy: userID,
		Office:    "MFC01",
		CreatedAt: createdAt,
		Version:   1,
	}
}

func seriesValidator(v document.Values) error {
	if len(v["series"]) != 4 {
		return &application.ValidationError{Violations: []application.Violation{{Field: "series", Code: "passport.series", Message: "Серия паспорта: 4 цифры"}}}
	}
	return nil
}

// validFacts returns the facts that make validApp sendable.
func validFacts() application.SendFacts {
	return application.SendFacts{
		Documents: []document.Document{
			{ID: formID, Type: formKind, Scans: []document.ScanInfo{{Hash: "ab", Size: 1}}},
			{ID: passportID, Type: "passport_rf", Values: document.Values{"series": "4500", "number": "123456"}},
			{ID: attorneyID, Type: "power_of_attorney"},
		},
		Types: func(code string) (document.Validator, bool) {
			switch code {
			case "passport_rf":
				return document.ValidatorFunc(seriesValidator), true
			case formKind, "power_of_attorney":
				return document.ValidatorFunc(func(document.Values) error { return nil }), true
			}
			return nil, false
		},
		Package: &document.Package{Provider: providerID, Items: []document.Item{
			{Type: "passport_rf", Name: "паспорт гражданина РФ", Required: true},
			{Type: "power_of_attorney", Name: "доверенность", Required: true, When: document.WhenRepresentative},
		}},
		Premise:       address.Object{ID: premiseID, Level: address.LevelPremise},
		Today:         today,
		RequiredForms: []string{formKind},
	}
}

func tr(a application.Action, who application.Actor) application.Transition {
	t := application.Transition{Action: a, Actor: who, At: createdAt.Add(time.Hour), Comment: "ok"}
	switch a {
	case application.ActionSend:
		t.RegNumber = "MFC01-2024-000001"
	case application.ActionProcess:
		t.AccountNumber = "7700112233"
		t.UnifiedAccountID = "00АА000001"
		t.ServiceID = "00АА000001-01"
	case application.ActionReject:
		t.Reason = "Помещение не обслуживается"
	}
	return t
}

// inState returns validApp moved into the state along the legal path.
func inState(t testing.TB, s application.State) *application.Application {
	t.Helper()
	a := validApp()
	var path []application.Transition
	switch s {
	case application.StateSent:
		path = []application.Transition{tr(application.ActionSend, user)}
	case application.StateProcessed:
		path = []application.Transition{tr(application.ActionSend, user), tr(application.ActionProcess, system)}
	case application.StateIssued:
		path = []application.Transition{tr(application.ActionSend, user), tr(application.ActionProcess, system), tr(application.ActionIssue, user)}
	case application.StateRejected:
		path = []application.Transition{tr(application.ActionSend, user), tr(application.ActionReject, system)}
	case application.StateDeleted:
		path = []application.Transition{tr(application.ActionDelete, user)}
	}
	for _, p := range path {
		require.NoError(t, a.Apply(p))
	}
	require.Equal(t, s, a.State())
	return a
}

func violations(t *testing.T, err error) map[string]string {
	t.Helper()
	var ve *application.ValidationError
	require.ErrorAs(t, err, &ve)
	require.ErrorIs(t, err, application.ErrInvalid)
	out := map[string]string{}
	for _, v := range ve.Violations {
		assert.NotEmpty(t, v.Message, v.Field)
		out[v.Field] = v.Code
	}
	return out
}

func TestValidate(t *testing.T) {
	t.Parallel()
	require.NoError(t, validApp().Validate())
	require.NoError(t, (&application.Application{}).Validate(), "an empty draft is structurally valid")

	a := validApp()
	a.Premise.Area = decimal.RequireFromString("-1")
	a.Premise.Rooms = -1
	a.Representative = &application.Representative{Person: applicantID, Ground: "friend"}
	a.Contacts = append(a.Contacts, subject.Contact{Channel: subject.ChannelPhone, Value: "12"})
	a.Accounts = append(a.Accounts, application.ExistingAccount{})
	a.Rights[0].Premise = otherID
	a.Meters[0].Kind = "gas"
	a.Documents = []uuid.UUID{passportID, uuid.Nil, passportID}
	got := violations(t, a.Validate())
	assert.Equal(t, map[string]string{
		"premise.area":            application.CodePremiseArea,
		"premise.rooms":           application.CodePremiseRooms,
		"representative.person":   application.CodeRepresentativeSelf,
		"representative.ground":   application.CodeRepresentativeGround,
		"representative.document": application.CodeRepresentativeDocument,
		"contacts[1].value":       subject.CodePhoneFormat,
		"accounts[1].provider":    application.CodeAccountProvider,
		"accounts[1].number":      application.CodeAccountNumber,
		"rights[0].premise":       application.CodeRightPremise,
		"meters[0].kind":          application.CodeMeterKind,
		"documents[1]":            application.CodeDocumentID,
		"documents[2]":            application.CodeDocumentDuplicate,
	}, got)
}

func TestCloneSharesNothing(t *testing.T) {
	t.Parallel()
	a := inState(t, application.StateSent)
	a.Representative = &application.Representative{Person: reprID, Ground: subject.GroundPowerOfAttorney, Document: attorneyID}
	c := a.Clone()
	require.Equal(t, a, c)
	c.Representative.Person = otherID
	c.Contacts[0].Value = "x"
	c.Rights[0].Owners[0].Subject = otherID
	c.Meters[0].Readings[0].Value = decimal.Zero
	c.Documents[0] = otherID
	require.NoError(t, c.Apply(tr(application.ActionReject, system)))
	assert.Equal(t, inStateWithRepr(t), a)
}

func inStateWithRepr(t *testing.T) *application.Application {
	a := inState(t, application.StateSent)
	a.Representative = &application.Representative{Person: reprID, Ground: subject.GroundPowerOfAttorney, Document: attorneyID}
	return a
}

func TestJSONRoundTrip(t *testing.T) {
	t.Parallel()
	for _, s := range application.States() {
		a := inState(t, s)
		b, err := json.Marshal(a)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(b, &m))
		assert.Equal(t, string(s), m["state"])
		var back application.Application
		require.NoError(t, json.Unmarshal(b, &back), string(b))
		assert.Equal(t, a.State(), back.State())
		assert.Equal(t, a.History(), back.History())
		assert.Equal(t, a.RegNumber(), back.RegNumber())
		assert.True(t, a.Premise.Area.Equal(back.Premise.Area))
	}
}

func TestJSONRefusesForgedHistory(t *testing.T) {
	t.Parallel()
	forged := `{"id":"` + appID.String() + `","state":"issued","history":[
		{"from":"draft","to":"issued","action":"issue","actor":{"kind":"user","id":"` + userID.String() + `"},"at":"2024-03-15T10:00:00Z"}]}`
	var a application.Application
	err := json.Unmarshal([]byte(forged), &a)
	require.ErrorIs(t, err, application.ErrInvalidTransition)

	wrongTo := `{"history":[{"from":"draft","to":"processed","action":"send","reg_number":"R-1",
		"actor":{"kind":"user","id":"` + userID.String() + `"},"at":"2024-03-15T10:00:00Z"}]}`
	require.ErrorIs(t, json.Unmarshal([]byte(wrongTo), &a), application.ErrInvalidTransition)

	noReg := `{"history":[{"from":"draft","to":"sent","action":"send",
		"actor":{"kind":"user","id":"` + userID.String() + `"},"at":"2024-03-15T10:00:00Z"}]}`
	require.ErrorIs(t, json.Unmarshal([]byte(noReg), &a), application.ErrInvalid)
}

func TestRestore(t *testing.T) {
	t.Parallel()
	src := inState(t, application.StateIssued)
	a := validApp()
	require.NoError(t, a.Restore(src.History()))
	assert.Equal(t, src, a)

	before := a.Clone()
	h := src.History()
	h[1].To = application.StateRejected
	err := a.Restore(h)
	require.True(t, errors.Is(err, application.ErrInvalidTransition))
	assert.Equal(t, before, a, "a refused Restore changes nothing")
}
