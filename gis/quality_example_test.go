package gis_test

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/gis"
)

// ExampleCheckQuality runs the data-quality checks over a small data set:
// a meter with a one-year interval whose verification has expired, a
// house with a temporary GUID and an apartment nobody has an account for,
// and a payment document that charges for cold water twice.
func ExampleCheckQuality() {
	house := uuid.MustParse("7a1b2c3d-0000-4000-8000-000000000001")
	flat1 := uuid.MustParse("7a1b2c3d-0000-4000-8000-000000000011")
	flat2 := uuid.MustParse("7a1b2c3d-0000-4000-8000-000000000012")
	coldWater := gis.NsiRef{Code: "1", GUID: uuid.MustParse("7a1b2c3d-0000-4000-8000-000000000301")}
	in := gis.QualityInput{
		HousingObjects: []gis.HousingObject{{
			FIASHouseGUID: house, TemporaryGUID: true, Kind: gis.ApartmentBuilding,
			Entrances: []gis.Entrance{{Number: "1"}},
			Premises:  []gis.Premise{{Number: "1", GUID: flat1}, {Number: "2", GUID: flat2}},
		}},
		Accounts: []gis.Account{{Kind: gis.AccountUO, AccountNumber: "ЛС-1", Accommodations: []gis.Accommodation{{PremisesGUID: flat1}}}},
		Meters: []gis.Meter{{
			SerialNumber: "ХВ-42", Seal: gis.Seal{Number: "П-7", Date: gis.Date{Year: 2023, Month: time.May, Day: 2}},
			VerificationIntervalYears: 1, LastVerificationDate: gis.Date{Year: 2023, Month: time.May, Day: 2},
		}},
		PaymentDocuments: []gis.PaymentDocument{{
			Year: 2025, Month: 5, AccountNumber: "ЛС-1", Number: "ПД-5",
			Charges: []gis.ServiceCharge{
				{Kind: gis.ChargeMunicipal, Service: coldWater},
				{Kind: gis.ChargeMunicipal, Service: coldWater},
			},
		}},
	}
	for _, f := range gis.CheckQuality(in, gis.Date{Year: 2025, Month: time.June, Day: 15}) {
		fmt.Println(f.Check, "|", f.Object.Key, "|", f.Message)
	}
	// Output:
	// house.temporary_guid | 7a1b2c3d-0000-4000-8000-000000000001 | дом с временным ГУИД ГИС ЖКХ: дома нет в ФИАС, ГУИД будет заменен
	// premise.no_accounts | 7a1b2c3d-0000-4000-8000-000000000001/пом. 2 | помещение без лицевых счетов
	// meter.interval_one_year | ХВ-42 | межповерочный интервал равен 1 году
	// meter.verification_expired | ХВ-42 | срок поверки истек 2024-05-02 (последняя поверка 2023-05-02, интервал 1 год)
	// payment_document.duplicate_service | ПД-5 | услуга 1 указана в начислении за 05.2025 более одного раза
}
