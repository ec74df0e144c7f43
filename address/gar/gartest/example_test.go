package gartest_test

import (
	"fmt"
	"os"

	"github.com/openzhkh/zhkh/address/addresstest"
	"github.com/openzhkh/zhkh/address/gar"
	"github.com/openzhkh/zhkh/address/gar/gartest"
)

// Example writes a tiny generated region as region 66 and lists the
// files of the distribution.
func Example() {
	dir, err := os.MkdirTemp("", "gartest")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	regions := []gartest.Region{{Code: "66", Data: addresstest.Generate(1, 20)}}
	m, err := gartest.Write(dir, regions, gartest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range m.Files {
		fmt.Println(f)
	}
	fmt.Println(m.Records[gar.KindHouses], "houses,", m.Records[gar.KindApartments], "premises")
	// Output:
	// AS_OBJECT_LEVELS_20260126_c332c899-616e-5607-91a7-53762c72d79d.XML
	// AS_ADDR_OBJ_TYPES_20260126_c36a197b-5972-5165-8c8f-6a4ffbfcc0a0.XML
	// AS_HOUSE_TYPES_20260126_6b22bf1e-e4c3-5a0e-9b87-b4b865c974d5.XML
	// AS_ADDHOUSE_TYPES_20260126_0822b9e5-250a-5548-981e-56f5cab8b919.XML
	// AS_APARTMENT_TYPES_20260126_07a81700-fdc0-54a4-86d9-42056c665c96.XML
	// AS_ROOM_TYPES_20260126_87b360ea-3ccd-5bad-a59d-a33d03b7646b.XML
	// AS_PARAM_TYPES_20260126_84a79dba-9e1d-517d-b030-3e5d9f1e9c50.XML
	// AS_OPERATION_TYPES_20260126_41502f25-0f00-5801-b92a-7123fd912ffb.XML
	// 66/AS_ADDR_OBJ_20260126_a2dae055-3c96-51e4-b901-6b29359b8378.XML
	// 66/AS_HOUSES_20260126_4f15d737-8eba-500e-ae7f-f1bd439ca747.XML
	// 66/AS_STEADS_20260126_ef8734c8-2cc3-56e2-b09c-2af2a315db3c.XML
	// 66/AS_APARTMENTS_20260126_478bfa94-40df-5afc-af5b-8415d0aa6edb.XML
	// 66/AS_ROOMS_20260126_7dc4a790-553a-540f-8a43-edee0f43de42.XML
	// 66/AS_CARPLACES_20260126_3a3df308-2918-582e-b3a9-a671396013dc.XML
	// 66/AS_REESTR_OBJECTS_20260126_fa9d4af9-c2b7-5d51-b3b3-04eb13e76ca0.XML
	// 66/AS_ADM_HIERARCHY_20260126_8dcdcfb7-dd53-58e8-b7a3-fce51bec61c5.XML
	// 66/AS_MUN_HIERARCHY_20260126_ef3cdf9f-2e04-5d70-abc9-34b5a09bb67f.XML
	// 66/AS_ADDR_OBJ_PARAMS_20260126_83d5febb-8db3-59ff-8772-c6517ef3761c.XML
	// 66/AS_HOUSES_PARAMS_20260126_d57891e6-dc22-50b4-84bc-bd49263992ba.XML
	// 66/AS_STEADS_PARAMS_20260126_9d03f536-1d22-50e5-bee1-a2942f3773c2.XML
	// 66/AS_APARTMENTS_PARAMS_20260126_71b39f1c-aacf-5483-9a89-009f4d23e1e6.XML
	// 66/AS_ROOMS_PARAMS_20260126_e17ce67d-d9fb-5ac7-aa4d-ad1749d25624.XML
	// 66/AS_CARPLACES_PARAMS_20260126_10beb242-e077-5521-bd94-2de5d07ba979.XML
	// 3 houses, 10 premises
}
