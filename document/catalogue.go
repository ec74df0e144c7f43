package document

import "time"

// The codes of the built-in document types of Catalogue.
const (
	TypePassportRF                = "passport_rf"                 // паспорт гражданина РФ
	TypeBirthCertificate          = "birth_certificate"           // свидетельство о рождении
	TypeINN                       = "inn"                         // свидетельство о постановке на учет (ИНН)
	TypeSNILS                     = "snils"                       // СНИЛС
	TypeSaleContract              = "sale_contract"               // договор купли-продажи
	TypeGiftContract              = "gift_contract"               // договор дарения
	TypeExchangeContract          = "exchange_contract"           // договор мены
	TypeInheritanceCertificate    = "inheritance_certificate"     // свидетельство о праве на наследство
	TypeEGRNExtract               = "egrn_extract"                // выписка из ЕГРН
	TypeMeterPassport             = "meter_passport"              // паспорт прибора учета
	TypeMeterCommissioningAct     = "meter_commissioning_act"     // акт допуска узла учета в эксплуатацию
	TypeAccountOpeningApplication = "account_opening_application" // заявление на открытие лицевого счета
	TypeQuestionnaire             = "questionnaire"               // анкета к заявлению
	TypePowerOfAttorney           = "power_of_attorney"           // доверенность
)

// Catalogue returns the built-in document types, compiled, in a fresh
// slice of fresh values on every call: the identity documents (passport of
// a citizen of the Russian Federation, birth certificate), INN, SNILS, the
// title documents (sale, gift and exchange contracts, inheritance
// certificate), the EGRN extract, the meter passport and commissioning
// act, the application to open a personal account with its questionnaire,
// and the power of attorney of a representative. An administrator may use
// them as they are, or edit their CatalogueDefs and compile them anew.
func Catalogue() []*Type {
	defs := CatalogueDefs()
	out := make([]*Type, len(defs))
	for i, d := range defs {
		out[i] = mustBuiltinType(d)
	}
	return out
}

// BuiltinType returns the compiled built-in type with the code, and false
// when there is none.
func BuiltinType(code string) (*Type, bool) {
	for _, d := range CatalogueDefs() {
		if d.Code == code {
			return mustBuiltinType(d), true
		}
	}
	return nil, false
}

// mustType compiles a built-in definition. The definitions are code, and
// a test compiles every one, so a failure is a programming error.
func mustBuiltinType(d TypeDef) *Type {
	t, err := NewType(d)
	if err != nil {
		panic("document: built-in type " + d.Code + ": " + err.Error())
	}
	return t
}

// CatalogueDefs returns the definitions of the built-in types of
// Catalogue, in fresh values on every call.
func CatalogueDefs() []TypeDef {
	passportSince := Date{Year: 1997, Month: time.October, Day: 1} // паспорта образца 1997 года
	egrnSince := Date{Year: 2017, Month: time.January, Day: 1}     // ЕГРН ведется с 01.01.2017
	return []TypeDef{
		{
			Code: TypePassportRF, Name: "Паспорт гражданина Российской Федерации",
			Fields: []Field{
				{Code: "series", Label: "Серия", Kind: KindString, Required: true, Normalize: []Normalization{NormDigits},
					Mask: "99 99", Pattern: `\d{4}`, PatternHint: "четыре цифры"},
				{Code: "number", Label: "Номер", Kind: KindString, Required: true, Normalize: []Normalization{NormDigits},
					Mask: "999999", Pattern: `\d{6}`, PatternHint: "шесть цифр"},
				{Code: "issued_on", Label: "Дата выдачи", Kind: KindDate, Required: true, Normalize: catTrim(),
					NotFuture: true, NotBefore: passportSince},
				catIssuedBy("Кем выдан"),
				{Code: "division_code", Label: "Код подразделения", Kind: KindString, Required: true, Normalize: []Normalization{NormDigits},
					Mask: "999-999", Pattern: `\d{6}`, PatternHint: "шесть цифр в виде 999-999"},
			},
			Rules: []Rule{{Kind: RuleCheck, Check: "passport_rf", Fields: []string{"series", "number"}}},
			Scans: ScanPolicy{Required: true, MinPages: 2, MaxPages: 20},
		},
		{
			Code: TypeBirthCertificate, Name: "Свидетельство о рождении",
			Fields: []Field{
				{Code: "series", Label: "Серия", Kind: KindString, Required: true, Normalize: []Normalization{NormCollapseSpaces, NormUpper},
					MaxLength: 12},
				{Code: "number", Label: "Номер", Kind: KindString, Required: true, Normalize: []Normalization{NormDigits},
					Pattern: `\d{6}`, PatternHint: "шесть цифр"},
				catNotFuture(catDate("issued_on", "Дата выдачи", true)),
				catIssuedBy("Кем выдано (орган ЗАГС)"),
				catText("child_name", "ФИО ребенка", false, 300),
				catNotFuture(catDate("birth_date", "Дата рождения", false)),
				{Code: "record_number", Label: "Номер записи акта о рождении", Kind: KindString, Normalize: catTrim(), MaxLength: 30},
			},
			Rules: []Rule{
				{Kind: RuleCheck, Check: "birth_cert", Fields: []string{"series", "number"}, Separator: " "},
				{Kind: RuleDateOrder, Field: "issued_on", Fields: []string{"birth_date"}},
			},
			Scans: ScanPolicy{Required: true, MinPages: 1, MaxPages: 4},
		},
		{
			Code: TypeINN, Name: "Свидетельство о постановке на учет в налоговом органе (ИНН)",
			Fields: []Field{
				{Code: "number", Label: "ИНН", Kind: KindString, Required: true, Normalize: []Normalization{NormDigits}, Check: "inn"},
				catNotFuture(catDate("issued_on", "Дата выдачи", false)),
				catText("issued_by", "Кем выдано", false, 500),
			},
			Scans: ScanPolicy{MaxPages: 2},
		},
		{
			Code: TypeSNILS, Name: "Страховое свидетельство (СНИЛС)",
			Fields: []Field{
				{Code: "number", Label: "СНИЛС", Kind: KindString, Required: true, Normalize: []Normalization{NormDigits},
					Mask: "999-999-999 99", Check: "snils"},
				catNotFuture(catDate("issued_on", "Дата регистрации", false)),
			},
			Scans: ScanPolicy{MaxPages: 2},
		},
		catContract(TypeSaleContract, "Договор купли-продажи", "seller", "Продавец", "buyer", "Покупатель", true),
		catContract(TypeGiftContract, "Договор дарения", "donor", "Даритель", "donee", "Одаряемый", false),
		catContract(TypeExchangeContract, "Договор мены", "first_party", "Первая сторона", "second_party", "Вторая сторона", false),
		{
			Code: TypeInheritanceCertificate, Name: "Свидетельство о праве на наследство",
			Fields: []Field{
				{Code: "basis", Label: "Основание наследования", Kind: KindEnum, Required: true, Normalize: []Normalization{NormCollapseSpaces},
					Values: []string{"по закону", "по завещанию"}},
				{Code: "blank_series", Label: "Серия бланка", Kind: KindString, Normalize: []Normalization{NormCollapseSpaces, NormUpper}, MaxLength: 10},
				{Code: "blank_number", Label: "Номер бланка", Kind: KindString, Normalize: []Normalization{NormDigits}, MaxLength: 10},
				catText("register_number", "Зарегистрировано в реестре №", true, 50),
				catNotFuture(catDate("issued_on", "Дата выдачи", true)),
				catText("notary", "Нотариус", true, 300),
				catText("heir", "Наследник", true, 300),
				catText("testator", "Наследодатель", true, 300),
				catNotFuture(catDate("opened_on", "Дата открытия наследства", false)),
				catCadastral(false),
			},
			Rules: []Rule{{Kind: RuleDateOrder, Field: "issued_on", Fields: []string{"opened_on"}}},
			Scans: ScanPolicy{Required: true, MinPages: 1, MaxPages: 20},
		},
		{
			Code: TypeEGRNExtract, Name: "Выписка из Единого государственного реестра недвижимости",
			Fields: []Field{
				catCadastral(true),
				{Code: "issued_on", Label: "Дата выписки", Kind: KindDate, Required: true, Normalize: catTrim(), NotFuture: true, NotBefore: egrnSince},
				catText("number", "Номер выписки", false, 100),
				catText("right_registration_number", "Номер государственной регистрации права", true, 100),
				catNotFuture(catDate("right_registered_on", "Дата государственной регистрации права", false)),
				{Code: "right_kind", Label: "Вид права", Kind: KindEnum, Normalize: []Normalization{NormCollapseSpaces},
					Values: []string{"собственность", "общая совместная собственность", "общая долевая собственность"}},
				{Code: "share", Label: "Размер доли в праве", Kind: KindString, Normalize: []Normalization{NormCollapseSpaces},
					Pattern: `\d{1,9} ?/ ?\d{1,9}`, PatternHint: "дробь вида 1/3"},
			},
			Rules: []Rule{
				{Kind: RuleDateOrder, Field: "issued_on", Fields: []string{"right_registered_on"}},
				{Kind: RuleRequiredWith, Field: "share", Fields: []string{"right_kind"},
					Message: "Для общей долевой собственности укажите размер доли"},
			},
			Scans: ScanPolicy{Required: true, MinPages: 1, MaxPages: 50},
		},
		{
			Code: TypeMeterPassport, Name: "Паспорт прибора учета",
			Fields: []Field{
				catSerial("serial_number", "Заводской номер", true),
				catText("model", "Модель (тип) прибора учета", true, 200),
				catText("manufacturer", "Изготовитель", false, 300),
				catResource(),
				catNotFuture(catDate("manufactured_on", "Дата выпуска", false)),
				catNotFuture(catDate("verified_on", "Дата поверки", true)),
				{Code: "verification_interval", Label: "Межповерочный интервал, лет", Kind: KindNumber, Required: true,
					Normalize: catTrim(), Pattern: `\d+`, PatternHint: "целое число лет", Min: catInt(1), Max: catInt(30)},
			},
			Rules: []Rule{{Kind: RuleDateOrder, Field: "verified_on", Fields: []string{"manufactured_on"}}},
			Scans: ScanPolicy{Required: true, MinPages: 1, MaxPages: 30},
		},
		{
			Code: TypeMeterCommissioningAct, Name: "Акт допуска узла учета в эксплуатацию",
			Fields: []Field{
				catText("number", "Номер акта", true, 50),
				catNotFuture(catDate("drawn_on", "Дата составления", true)),
				catSerial("meter_serial_number", "Заводской номер прибора учета", true),
				catText("meter_model", "Модель (тип) прибора учета", false, 200),
				catResource(),
				catText("installation_place", "Место установки", false, 300),
				{Code: "initial_reading", Label: "Показания на момент допуска", Kind: KindNumber, Required: true,
					Normalize: []Normalization{NormTrim}, Min: catInt(0)},
				catSerial("seal_number", "Номер пломбы", false),
				catDate("next_verification_on", "Дата очередной поверки", false),
			},
			Rules: []Rule{{Kind: RuleDateOrder, Field: "next_verification_on", Fields: []string{"drawn_on"}}},
			Scans: ScanPolicy{Required: true, MinPages: 1, MaxPages: 10},
		},
		{
			Code: TypeAccountOpeningApplication, Name: "Заявление на открытие лицевого счета",
			Fields: []Field{
				catText("registration_number", "Регистрационный номер", false, 50),
				catNotFuture(catDate("submitted_on", "Дата подачи", true)),
				catText("applicant_name", "ФИО заявителя", true, 300),
				catText("premises_address", "Адрес помещения", true, 1000),
				catText("provider", "Исполнитель ЖКУ", true, 500),
				catPhone(), catEmail(),
				{Code: "by_representative", Label: "Подается представителем", Kind: KindBool, Normalize: catTrim()},
				catText("representative_name", "ФИО представителя", false, 300),
			},
			Rules: []Rule{
				{Kind: RuleOneOf, Fields: []string{"phone", "email"}},
				{Kind: RuleRequiredWith, Field: "representative_name", Fields: []string{"by_representative"}},
			},
			Scans: ScanPolicy{Required: true, MinPages: 1, MaxPages: 10},
		},
		{
			Code: TypeQuestionnaire, Name: "Анкета к заявлению на открытие лицевого счета",
			Fields: []Field{
				catText("full_name", "Фамилия, имя, отчество", true, 300),
				catNotFuture(catDate("birth_date", "Дата рождения", true)),
				catText("birth_place", "Место рождения", false, 500),
				{Code: "snils", Label: "СНИЛС", Kind: KindString, Normalize: []Normalization{NormDigits}, Mask: "999-999-999 99", Check: "snils"},
				{Code: "inn", Label: "ИНН", Kind: KindString, Normalize: []Normalization{NormDigits}, Check: "inn12"},
				catText("registration_address", "Адрес регистрации", true, 1000),
				catPhone(), catEmail(),
				{Code: "residents", Label: "Количество проживающих", Kind: KindNumber, Normalize: catTrim(), Pattern: `\d+`,
					PatternHint: "целое число", Min: catInt(0), Max: catInt(999)},
				{Code: "ownership_kind", Label: "Вид права на помещение", Kind: KindEnum, Normalize: []Normalization{NormCollapseSpaces},
					Values: []string{"собственность", "общая совместная собственность", "общая долевая собственность", "наем", "иное"}},
				{Code: "personal_data_consent", Label: "Согласие на обработку персональных данных", Kind: KindBool, Required: true, Normalize: catTrim()},
			},
			Rules: []Rule{{Kind: RuleOneOf, Fields: []string{"phone", "email"}}},
			Scans: ScanPolicy{MaxPages: 10},
		},
		{
			Code: TypePowerOfAttorney, Name: "Доверенность",
			Fields: []Field{
				catText("number", "Номер доверенности", false, 50),
				catText("register_number", "Реестровый номер", false, 50),
				catNotFuture(catDate("issued_on", "Дата выдачи", true)),
				{Code: "valid_until", Label: "Срок действия (до)", Kind: KindDate, Normalize: catTrim(), NotBeforeField: "issued_on"},
				catText("certified_by", "Кем удостоверена", true, 500),
				catText("principal", "Доверитель", true, 300),
				catText("attorney", "Представитель (доверенное лицо)", true, 300),
				catText("powers", "Полномочия", false, 4000),
			},
			Rules: []Rule{{Kind: RuleOneOf, Fields: []string{"number", "register_number"}}},
			Scans: ScanPolicy{Required: true, MinPages: 1, MaxPages: 20},
		},
	}
}

// contract is the definition of a title contract between two parties.
func catContract(code, name, first, firstLabel, second, secondLabel string, price bool) TypeDef {
	fs := []Field{
		catText("number", "Номер договора", false, 50),
		catNotFuture(catDate("concluded_on", "Дата заключения", true)),
		catText("place", "Место заключения", false, 300),
		catText(first, firstLabel, true, 1000),
		catText(second, secondLabel, true, 1000),
		catCadastral(false),
		catText("object_address", "Адрес объекта", true, 1000),
	}
	if price {
		fs = append(fs, Field{Code: "price", Label: "Цена договора, руб.", Kind: KindNumber, Normalize: []Normalization{NormTrim}, Min: catInt(0)})
	}
	fs = append(fs,
		catNotFuture(catDate("registered_on", "Дата государственной регистрации", false)),
		catText("registration_number", "Номер государственной регистрации", false, 100),
	)
	return TypeDef{
		Code: code, Name: name, Fields: fs,
		Rules: []Rule{
			{Kind: RuleDateOrder, Field: "registered_on", Fields: []string{"concluded_on"}},
			{Kind: RuleRequiredWith, Field: "registration_number", Fields: []string{"registered_on"}},
		},
		Scans: ScanPolicy{Required: true, MinPages: 1, MaxPages: 50},
	}
}

func catTrim() []Normalization { return []Normalization{NormTrim} }

func catInt(n int64) *int64 { return &n }

func catText(code, label string, required bool, max int) Field {
	return Field{Code: code, Label: label, Kind: KindString, Required: required,
		Normalize: []Normalization{NormCollapseSpaces}, MaxLength: max}
}

func catDate(code, label string, required bool) Field {
	return Field{Code: code, Label: label, Kind: KindDate, Required: required, Normalize: catTrim()}
}

func catNotFuture(f Field) Field {
	f.NotFuture = true
	return f
}

func catIssuedBy(label string) Field {
	f := catText("issued_by", label, true, 500)
	f.MinLength = 3
	return f
}

func catSerial(code, label string, required bool) Field {
	return Field{Code: code, Label: label, Kind: KindString, Required: required,
		Normalize: []Normalization{NormCollapseSpaces, NormUpper}, MaxLength: 50}
}

func catCadastral(required bool) Field {
	return Field{Code: "cadastral_number", Label: "Кадастровый номер", Kind: KindString, Required: required,
		Normalize: []Normalization{NormTrim}, Check: "cadastral"}
}

func catResource() Field {
	return Field{Code: "resource", Label: "Вид коммунального ресурса", Kind: KindEnum, Normalize: []Normalization{NormCollapseSpaces},
		Values: []string{"холодная вода", "горячая вода", "электрическая энергия", "тепловая энергия", "газ"}}
}

func catPhone() Field {
	return Field{Code: "phone", Label: "Телефон", Kind: KindString, Normalize: []Normalization{NormDigits},
		Mask: "9 (999) 999-99-99", Pattern: `[78]\d{10}`, PatternHint: "11 цифр, начиная с 7 или 8"}
}

func catEmail() Field {
	return Field{Code: "email", Label: "Адрес электронной почты", Kind: KindString, Normalize: catTrim(),
		Pattern: `[^@\s]+@[^@\s]+\.[^@\s]+`, PatternHint: "адрес вида name@example.ru", MaxLength: 254}
}
