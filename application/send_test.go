package application_test

import (
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

func TestCheckSendAcceptsComplete(t *testing.T) {
	t.Parallel()
	require.NoError(t, application.CheckSend(validApp(), validFacts()))

	// A room, a representative with an attached power of attorney and no
	// package at all are fine too.
	a := validApp()
	a.Representative = &application.Representative{Person: reprID, Ground: subject.GroundPowerOfAttorney, Document: attorneyID}
	a.Documents = append(a.Documents, attorneyID)
	f := validFacts()
	f.Premise.Level = address.LevelRoom
	require.NoError(t, application.CheckSend(a, f))
	f.Package = nil
	require.NoError(t, application.CheckSend(a, f))
}

func TestCheckSendRules(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		mutate func(*application.Application, *application.SendFacts)
		want   map[string]string
	}{
		{"no applicant", func(a *application.Application, _ *application.SendFacts) { a.Applicant = uuid.Nil },
			map[string]string{"applicant": application.CodeApplicantRequired}},
		{"no premise", func(a *application.Application, _ *application.SendFacts) {
			a.Premise.Object = uuid.Nil
			for i := range a.Rights {
				a.Rights[i].Premise = uuid.Nil
			}
		}, map[string]string{"premise": application.CodePremiseRequired}},
		{"premise not loaded", func(_ *application.Application, f *application.SendFacts) { f.Premise.ID = otherID },
			map[string]string{"premise": application.CodePremiseRequired}},
		{"premise is a house", func(_ *application.Application, f *application.SendFacts) { f.Premise.Level = address.LevelHouse },
			map[string]string{"premise": application.CodePremiseLevel}},
		{"no area, no purpose", func(a *application.Application, _ *application.SendFacts) {
			a.Premise.Area = decimal.Zero
			a.Premise.Purpose = " "
		}, map[string]string{"premise.area": application.CodePremiseArea, "premise.purpose": application.CodePremisePurpose}},
		{"no provider", func(a *application.Application, _ *application.SendFacts) { a.Provider = uuid.Nil },
			map[string]string{"provider": application.CodeProviderRequired}},
		{"no office", func(a *application.Application, _ *application.SendFacts) { a.Office = "" },
			map[string]string{"office": application.CodeOfficeRequired}},
		{"no contacts", func(a *application.Application, _ *application.SendFacts) { a.Contacts = nil },
			map[string]string{"contacts": application.CodeContactsRequired}},
		{"no rights", func(a *application.Application, _ *application.SendFacts) { a.Rights = nil },
			map[string]string{"rights": application.CodeRightsRequired}},
		{"right ended", func(a *application.Application, _ *application.SendFacts) {
			a.Rights[0].Ended = application.Date{Year: 2023, Month: 1, Day: 1}
		},
			map[string]string{"rights": application.CodeRightsRequired}},
		{"ownership inconsistent", func(a *application.Application, _ *application.SendFacts) {
			a.Rights[0].Owners = append(a.Rights[0].Owners, subject.Owner{Subject: reprID, Kind: subject.OwnerPerson})
		}, map[string]string{"rights[0].owners": subject.CodeSoleOwners}},
		{"meter without serial, resource, verification", func(a *application.Application, _ *application.SendFacts) {
			a.Meters[0].SerialNumber = ""
			a.Meters[0].Resource = ""
			a.Meters[0].VerifiedOn = application.Date{}
			a.Meters[0].VerificationIntervalYears = 0
		}, map[string]string{
			"meters[0].serial_number":               application.CodeMeterSerial,
			"meters[0].resource":                    application.CodeMeterResource,
			"meters[0].verified_on":                 application.CodeMeterVerifiedOn,
			"meters[0].verification_interval_years": application.CodeMeterInterval,
		}},
		{"verification expired at the reading", func(a *application.Application, _ *application.SendFacts) {
			a.Meters[0].VerificationIntervalYears = 2 // expires 2024-01-10, read 2024-03-01
		}, map[string]string{"meters[0].readings[0].taken_on": application.CodeMeterExpired}},
		{"verification expires on the reading day", func(a *application.Application, _ *application.SendFacts) {
			a.Meters[0].Readings[0].TakenOn = application.Date{Year: 2028, Month: time.January, Day: 10}
		}, map[string]string{"meters[0].readings[0].taken_on": application.CodeReadingDate}},
		{"no readings", func(a *application.Application, _ *application.SendFacts) { a.Meters[0].Readings = nil },
			map[string]string{"meters[0].readings": application.CodeMeterReadings}},
		{"reading without date, negative", func(a *application.Application, _ *application.SendFacts) {
			a.Meters[0].Readings[0] = application.Reading{Value: decimal.RequireFromString("-1")}
		}, map[string]string{"meters[0].readings[0].taken_on": application.CodeReadingDate, "meters[0].readings[0].value": application.CodeReadingValue}},
		{"seal without number and date", func(a *application.Application, _ *application.SendFacts) {
			a.Meters[0].Seals = append(a.Meters[0].Seals, application.Seal{})
		}, map[string]string{"meters[0].seals[1].number": application.CodeSealNumber, "meters[0].seals[1].set_on": application.CodeSealDate}},
		{"document not in registry", func(_ *application.Application, f *application.SendFacts) { f.Documents = f.Documents[:1] },
			map[string]string{"documents[0]": application.CodeDocumentNotLoaded, "documents[passport_rf]": document.CodePackageMissing}},
		{"document invalid against its type", func(_ *application.Application, f *application.SendFacts) { f.Documents[1].Values["series"] = "45" },
			map[string]string{"documents[0].series": "passport.series"}},
		{"document of unknown type", func(_ *application.Application, f *application.SendFacts) { f.Types = nil },
			map[string]string{
				"documents[0].type": document.CodeTypeUnknown, "documents[1].type": document.CodeTypeUnknown,
				"documents[passport_rf]": document.CodePackageMissing,
			}},
		{"package item missing", func(a *application.Application, _ *application.SendFacts) { a.Documents = a.Documents[1:] },
			map[string]string{"documents[passport_rf]": document.CodePackageMissing}},
		{"representative's document not attached", func(a *application.Application, _ *application.SendFacts) {
			a.Representative = &application.Representative{Person: reprID, Ground: subject.GroundPowerOfAttorney, Document: attorneyID}
		}, map[string]string{"representative.document": application.CodeRepresentativeDocument, "documents[power_of_attorney]": document.CodePackageMissing}},
		{"form without scan", func(_ *application.Application, f *application.SendFacts) { f.Documents[0].Scans = nil },
			map[string]string{"documents[" + formKind + "]": application.CodeFormMissing}},
		{"form retired", func(_ *application.Application, f *application.SendFacts) { f.Documents[0].RetiredAt = createdAt },
			map[string]string{"documents[1]": document.CodePackageRetired, "documents[" + formKind + "]": application.CodeFormMissing}},
		{"invalid fields of a draft", func(a *application.Application, _ *application.SendFacts) { a.Accounts[0].Number = "" },
			map[string]string{"accounts[0].number": application.CodeAccountNumber}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a, f := validApp(), validFacts()
			c.mutate(a, &f)
			before := a.Clone()
			err := application.CheckSend(a, f)
			assert.Equal(t, c.want, violations(t, err))
			assert.Equal(t, before, a, "CheckSend changes nothing")
		})
	}
}

func TestCheckSendReportsEverythingAtOnce(t *testing.T) {
	t.Parallel()
	a := &application.Application{
		Meters:    []application.Meter{{Kind: application.MeterIndividual, Seals: []application.Seal{{Number: "1"}}}},
		Documents: []uuid.UUID{passportID},
	}
	f := validFacts()
	f.Documents[1].Values = document.Values{"series": "1"}
	got := violations(t, application.CheckSend(a, f))
	for _, field := range []string{
		"applicant", "premise", "premise.area", "premise.purpose", "provider", "office", "contacts", "rights",
		"meters[0].serial_number", "meters[0].readings", "meters[0].seals[0].set_on",
		"documents[0].series", "documents[" + formKind + "]",
	} {
		assert.Contains(t, got, field)
	}
}

func TestCheckSendFailures(t *testing.T) {
	t.Parallel()
	f := validFacts()
	f.Today = application.Date{}
	err := application.CheckSend(validApp(), f)
	require.Error(t, err)
	assert.False(t, errors.Is(err, application.ErrInvalid))

	boom := errors.New("catalogue unavailable")
	f = validFacts()
	f.Types = func(string) (document.Validator, bool) {
		return document.ValidatorFunc(func(document.Values) error { return boom }), true
	}
	require.ErrorIs(t, application.CheckSend(validApp(), f), boom)
}
