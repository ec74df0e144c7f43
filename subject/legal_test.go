package subject_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openzhkh/zhkh/document"
	"github.com/openzhkh/zhkh/subject"
	"github.com/openzhkh/zhkh/subject/subjecttest"
)

// sberbank returns the real requisites of Sberbank, each checksum valid.
func legalSberbank() subject.LegalEntity {
	return subject.LegalEntity{
		FullName:     "Публичное акционерное общество «Сбербанк России»",
		ShortName:    "ПАО Сбербанк",
		INN:          "7707083893",
		KPP:          "773601001",
		OGRN:         "1027700132195",
		LegalAddress: subject.Address{Text: "117312, г. Москва, ул. Вавилова, д. 19"},
		Bank: subject.BankDetails{
			BIK:                  "044525225",
			SettlementAccount:    "40702810638000000000",
			CorrespondentAccount: "30101810400000000225",
			Name:                 "ПАО Сбербанк",
		},
		Head:     subject.Head{Name: "Греф Герман Оскарович", Position: "Президент, Председатель Правления"},
		Contacts: []subject.Contact{{Channel: subject.ChannelPhone, Value: "8 (800) 555-55-50", Preferred: true}, {Channel: subject.ChannelEmail, Value: " sberbank@sberbank.ru "}},
		OKTMO:    "45397000",
		OKPO:     "00032537",
		OKVED:    "64.19",
	}
}

func TestSberbankIdentifiers(t *testing.T) {
	t.Parallel()
	e := legalSberbank()
	require.NoError(t, document.CheckINN10(e.INN))
	require.NoError(t, document.CheckKPP(e.KPP))
	require.NoError(t, document.CheckOGRN(e.OGRN))
	require.NoError(t, document.CheckBIK(e.Bank.BIK))
	require.NoError(t, document.CheckSettlementAccount(e.Bank.SettlementAccount, e.Bank.BIK))
	require.NoError(t, document.CheckCorrespondentAccount(e.Bank.CorrespondentAccount, e.Bank.BIK))
	require.NoError(t, document.CheckOKTMO(e.OKTMO))
	require.NoError(t, subject.CheckOKPO(e.OKPO))
	require.NoError(t, subject.CheckOKVED(e.OKVED))
}

func TestNormalizeLegalEntity(t *testing.T) {
	t.Parallel()
	in := legalSberbank()
	in.FullName = "  Публичное   акционерное общество\t«Сбербанк России» "
	in.INN, in.KPP, in.OGRN = " 7707083893 ", "773601001\n", "\u00a01027700132195"
	in.Bank.BIK, in.Bank.SettlementAccount = " 044525225", "40702810638000000000 "
	in.OKTMO, in.OKPO, in.OKVED = "45 397 000", " 00032537 ", " 64.19 "
	in.PostalAddress = subject.Address{Object: uuid.MustParse("0c5b2444-70a0-4932-980c-b4dc0d3f02b5")}
	got, err := subject.NormalizeLegalEntity(in)
	require.NoError(t, err)
	want := legalSberbank()
	want.PostalAddress = in.PostalAddress
	want.Contacts = []subject.Contact{{Channel: subject.ChannelPhone, Value: "+78005555550", Preferred: true}, {Channel: subject.ChannelEmail, Value: "sberbank@sberbank.ru"}}
	assert.Equal(t, want, got)

	again, err := subject.NormalizeLegalEntity(got)
	require.NoError(t, err)
	assert.Equal(t, got, again, "normalising is idempotent")
	assert.Equal(t, "ПАО Сбербанк", got.Name())
	got.ShortName = ""
	assert.Equal(t, got.FullName, got.Name())
}

func TestNormalizeLegalEntityOptional(t *testing.T) {
	t.Parallel()
	e := legalSberbank()
	e.ShortName, e.Bank, e.Head, e.Contacts = "", subject.BankDetails{BIK: " "}, subject.Head{Name: " "}, []subject.Contact{}
	e.OKTMO, e.OKPO, e.OKVED = " ", "", "\t"
	e.LegalAddress = subject.Address{Object: uuid.MustParse("0c5b2444-70a0-4932-980c-b4dc0d3f02b5")}
	got, err := subject.NormalizeLegalEntity(e)
	require.NoError(t, err)
	assert.Equal(t, subject.BankDetails{}, got.Bank)
	assert.Equal(t, subject.Head{}, got.Head)
	assert.Nil(t, got.Contacts)
	assert.Empty(t, got.OKTMO+got.OKPO+got.OKVED)

	// A bank without a correspondent account (an account with the treasury
	// or the Bank of Russia) is allowed.
	e = legalSberbank()
	e.Bank.CorrespondentAccount = ""
	_, err = subject.NormalizeLegalEntity(e)
	require.NoError(t, err)
}

type legalFieldCode struct{ Field, Code string }

func legalViolations(t *testing.T, err error) []legalFieldCode {
	t.Helper()
	require.ErrorIs(t, err, subject.ErrInvalid)
	var ve *subject.ValidationError
	require.ErrorAs(t, err, &ve)
	var out []legalFieldCode
	for _, v := range ve.Violations {
		assert.NotEmpty(t, v.Message, v.Code)
		out = append(out, legalFieldCode{v.Field, v.Code})
	}
	return out
}

func TestNormalizeLegalEntityViolations(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		edit func(*subject.LegalEntity)
		want []legalFieldCode
	}{
		{"everything at once", func(e *subject.LegalEntity) {
			e.FullName, e.INN, e.KPP, e.OGRN = " ", "7707083894", "7736-01001", "1027700132196"
			e.LegalAddress = subject.Address{Text: "  "}
			e.Bank = subject.BankDetails{BIK: "044525225", SettlementAccount: "40702810638000000001", CorrespondentAccount: "30101810400000000226"}
			e.Head = subject.Head{Position: "Директор"}
			e.Contacts = []subject.Contact{{Channel: subject.ChannelPhone, Value: "12-34"}, {Channel: subject.ChannelEmail, Value: "нет"}}
			e.OKTMO, e.OKPO, e.OKVED = "4539700", "0003253", "64"
		}, []legalFieldCode{
			{"full_name", subject.CodeLegalFullNameRequired},
			{"inn", document.CodeINNChecksum},
			{"kpp", document.CodeKPPFormat},
			{"ogrn", document.CodeOGRNChecksum},
			{"legal_address", subject.CodeLegalAddressRequired},
			{"bank.name", subject.CodeLegalBankNameRequired},
			{"bank.settlement_account", document.CodeAccountChecksum},
			{"bank.correspondent_account", document.CodeAccountChecksum},
			{"head.name", subject.CodeLegalHeadNameRequired},
			{"contacts[0].value", subject.CodePhoneFormat},
			{"contacts[1].value", subject.CodeEmailFormat},
			{"oktmo", document.CodeOKTMOLength},
			{"okpo", subject.CodeOKPOLength},
		}},
		{"missing identifiers", func(e *subject.LegalEntity) { e.INN, e.KPP, e.OGRN = "", " ", "" }, []legalFieldCode{
			{"inn", document.CodeINNEmpty}, {"kpp", document.CodeKPPEmpty}, {"ogrn", document.CodeOGRNEmpty},
		}},
		{"INN of a person", func(e *subject.LegalEntity) { e.INN = "500100732259" }, []legalFieldCode{{"inn", document.CodeINNLength}}},
		{"OGRNIP instead of OGRN", func(e *subject.LegalEntity) { e.OGRN = "304500116000157" }, []legalFieldCode{{"ogrn", document.CodeOGRNLength}}},
		{"bad BIK: accounts checked for digits only", func(e *subject.LegalEntity) {
			e.Bank.BIK = "04452522"
			e.Bank.CorrespondentAccount = "3010181040000000022x"
		}, []legalFieldCode{{"bank.bik", document.CodeBIKLength}, {"bank.correspondent_account", document.CodeAccountFormat}}},
		{"bank without BIK and account", func(e *subject.LegalEntity) { e.Bank = subject.BankDetails{Name: "ПАО Сбербанк"} }, []legalFieldCode{
			{"bank.bik", document.CodeBIKEmpty}, {"bank.settlement_account", document.CodeAccountEmpty},
		}},
		{"correspondent account of another bank", func(e *subject.LegalEntity) {
			e.Bank.CorrespondentAccount = "30101810500000000653" // Sberbank North-West, for BIK 044030653
		}, []legalFieldCode{{"bank.correspondent_account", document.CodeAccountChecksum}}},
		{"two preferred phones", func(e *subject.LegalEntity) {
			e.Contacts = []subject.Contact{{Channel: subject.ChannelPhone, Value: "+74957777777", Preferred: true}, {Channel: subject.ChannelPhone, Value: "+74957777778", Preferred: true}}
		}, []legalFieldCode{{"contacts[1].preferred", subject.CodeContactPreferred}}},
		{"OKPO with letters", func(e *subject.LegalEntity) { e.OKPO = "0003253A" }, []legalFieldCode{{"okpo", subject.CodeOKPOFormat}}},
		{"OKVED with a comma", func(e *subject.LegalEntity) { e.OKVED = "68,32" }, []legalFieldCode{{"okved", subject.CodeOKVEDFormat}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			e := legalSberbank()
			c.edit(&e)
			_, err := subject.NormalizeLegalEntity(e)
			assert.Equal(t, c.want, legalViolations(t, err))
		})
	}
}

func TestCheckOKPOAndOKVED(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		check func(string) error
		in    string
		code  string // empty when valid
	}{
		{subject.CheckOKPO, "00032537", ""},
		{subject.CheckOKPO, " 0123456789 ", ""},
		{subject.CheckOKPO, "", subject.CodeOKPOEmpty},
		{subject.CheckOKPO, "0003 2537", subject.CodeOKPOFormat},
		{subject.CheckOKPO, "000325370", subject.CodeOKPOLength},
		{subject.CheckOKPO, "٠٠٠٣٢٥٣٧", subject.CodeOKPOFormat},
		{subject.CheckOKVED, "68", ""},
		{subject.CheckOKVED, "90.0", ""},
		{subject.CheckOKVED, "68.32", ""},
		{subject.CheckOKVED, "68.32.1", ""},
		{subject.CheckOKVED, " 68.32.11 ", ""},
		{subject.CheckOKVED, "", subject.CodeOKVEDEmpty},
		{subject.CheckOKVED, "6", subject.CodeOKVEDFormat},
		{subject.CheckOKVED, "683", subject.CodeOKVEDFormat},
		{subject.CheckOKVED, "68.", subject.CodeOKVEDFormat},
		{subject.CheckOKVED, "68.3.2", subject.CodeOKVEDFormat},
		{subject.CheckOKVED, "68.32.", subject.CodeOKVEDFormat},
		{subject.CheckOKVED, "68.32.111", subject.CodeOKVEDFormat},
		{subject.CheckOKVED, "68.321", subject.CodeOKVEDFormat},
		{subject.CheckOKVED, "6a.32", subject.CodeOKVEDFormat},
	} {
		err := c.check(c.in)
		if c.code == "" {
			assert.NoError(t, err, "%q", c.in)
			continue
		}
		assert.ErrorIs(t, err, subject.ErrInvalid, "%q", c.in)
		assert.True(t, subject.HasCode(err, c.code), "%q: %v", c.in, err)
	}
}

func TestLegalEntityQuery(t *testing.T) {
	t.Parallel()
	q := subject.LegalEntityQuery{INN: " 7707083893 ", KPP: "773601001 ", OGRN: "1027700132195\t", Name: "  пао   сбер ", Offset: -3}.Normalize()
	assert.Equal(t, subject.LegalEntityQuery{INN: "7707083893", KPP: "773601001", OGRN: "1027700132195", Name: "пао сбер"}, q)
	bad := subject.LegalEntityQuery{INN: " 123 "}.Normalize()
	assert.Equal(t, "123", bad.INN)

	e := legalSberbank()
	assert.True(t, q.Matches(e))
	assert.True(t, subject.LegalEntityQuery{}.Matches(e))
	assert.True(t, subject.LegalEntityQuery{Name: "«СБЕРБАНК"}.Matches(e))
	assert.False(t, subject.LegalEntityQuery{Name: "сбер альфа"}.Matches(e))
	assert.False(t, subject.LegalEntityQuery{KPP: "773601002"}.Matches(e))

	es := make([]subject.LegalEntity, 5)
	assert.Len(t, subject.LegalEntityQuery{Offset: 1, Limit: 2}.Page(es), 2)
	assert.Len(t, subject.LegalEntityQuery{Offset: 4, Limit: 2}.Page(es), 1)
	assert.Empty(t, subject.LegalEntityQuery{Offset: 5}.Page(es))
	assert.Len(t, subject.LegalEntityQuery{}.Page(es), 5)
}

func TestCompareLegalEntities(t *testing.T) {
	t.Parallel()
	a := subject.LegalEntity{ID: uuid.MustParse("00000000-0000-7000-8000-000000000002"), ShortName: "ЁЖ", FullName: "x"}
	b := subject.LegalEntity{ID: uuid.MustParse("00000000-0000-7000-8000-000000000001"), ShortName: "еж", FullName: "x"}
	c := subject.LegalEntity{FullName: "Ежевика"}
	assert.Positive(t, subject.CompareLegalEntities(a, b), "same folded names: the ID decides")
	assert.Negative(t, subject.CompareLegalEntities(b, c))
	assert.Zero(t, subject.CompareLegalEntities(a, a))
}

func TestDuplicateErrors(t *testing.T) {
	t.Parallel()
	e := legalSberbank()
	e.ID = uuid.MustParse("0190f1c2-0000-7000-8000-000000000001")
	err := subject.DuplicateOGRNError(e)
	assert.ErrorIs(t, err, subject.ErrConflict)
	assert.Equal(t, "Организация с ОГРН 1027700132195 уже зарегистрирована: ПАО Сбербанк (ID 0190f1c2-0000-7000-8000-000000000001)", err.Error())
	err = subject.DuplicateINNKPPError(e)
	assert.True(t, subject.HasCode(err, subject.CodeLegalDuplicateINNKPP))
	assert.Equal(t, "Организация с ИНН 7707083893 и КПП 773601001 уже зарегистрирована: ПАО Сбербанк (ID 0190f1c2-0000-7000-8000-000000000001)", err.Error())
	assert.ErrorIs(t, subject.LegalEntityNotFoundError(e.ID), subject.ErrNotFound)
	assert.ErrorIs(t, subject.LegalEntityExistsError(e.ID), subject.ErrConflict)
}

func TestValidLegalEntityFixtures(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, n := range []int{0, 1, 2, 9, 10, 99, 1234, 99999} {
		e := subjecttest.ValidLegalEntity(n, "Организация", "")
		got, err := subject.NormalizeLegalEntity(e)
		require.NoError(t, err, "%d", n)
		assert.Equal(t, e, got, "%d: fixtures are in the normalised form", n)
		assert.False(t, seen[e.INN] || seen[e.OGRN], "%d: distinct", n)
		seen[e.INN], seen[e.OGRN] = true, true
	}
}

func FuzzNormalizeLegalEntity(f *testing.F) {
	e := legalSberbank()
	f.Add(e.FullName, e.INN, e.KPP, e.OGRN, e.Bank.BIK, e.Bank.SettlementAccount, e.Bank.CorrespondentAccount, e.OKPO, e.OKVED)
	f.Add("", "", "", "", "", "", "", "", "")
	f.Add(" x ", "7707083894", "7736AB001", "1027700132196", "04452522", "4070281063800000000", "3010181040000000022x", "1", "68.32.1")
	f.Fuzz(func(t *testing.T, name, inn, kpp, ogrn, bik, acc, corr, okpo, okved string) {
		in := legalSberbank()
		in.FullName, in.INN, in.KPP, in.OGRN, in.OKPO, in.OKVED = name, inn, kpp, ogrn, okpo, okved
		in.Bank.BIK, in.Bank.SettlementAccount, in.Bank.CorrespondentAccount = bik, acc, corr
		got, err := subject.NormalizeLegalEntity(in)
		if err != nil {
			var ve *subject.ValidationError
			require.ErrorAs(t, err, &ve)
			require.NotEmpty(t, ve.Violations)
			for _, v := range ve.Violations {
				require.NotEmpty(t, v.Field)
				require.NotEmpty(t, v.Code)
				require.NotEmpty(t, v.Message)
			}
			return
		}
		again, err := subject.NormalizeLegalEntity(got)
		require.NoError(t, err)
		require.Equal(t, got, again)
		require.NoError(t, document.CheckINN10(got.INN))
		require.NoError(t, document.CheckOGRN(got.OGRN))
	})
}
