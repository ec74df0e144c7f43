package address

// Level is a level of the address structure, from the region down to the
// room. Levels order objects by depth: a child is never at a shallower
// level than its parent (a house under a house is fine).
type Level uint8

// The levels of the address structure, shallowest first.
const (
	LevelRegion       Level = iota + 1 // субъект РФ
	LevelMunicipality                  // муниципальное образование
	LevelSettlement                    // поселение
	LevelLocality                      // населенный пункт
	LevelStreet                        // улица (элемент улично-дорожной сети)
	LevelHouse                         // дом (здание, сооружение)
	LevelPremise                       // помещение (квартира, нежилое помещение)
	LevelRoom                          // комната
)

var levelNames = [...]string{
	LevelRegion:       "субъект РФ",
	LevelMunicipality: "муниципальное образование",
	LevelSettlement:   "поселение",
	LevelLocality:     "населенный пункт",
	LevelStreet:       "улица",
	LevelHouse:        "дом",
	LevelPremise:      "помещение",
	LevelRoom:         "комната",
}

// Valid reports whether l is one of the eight levels.
func (l Level) Valid() bool { return l >= LevelRegion && l <= LevelRoom }

// String returns the Russian name of the level.
func (l Level) String() string {
	if !l.Valid() {
		return "неизвестный уровень"
	}
	return levelNames[l]
}

// GARLevel is a level number of FIAS GAR (AS_OBJECT_LEVELS), 1 to 17. It is
// kept on every object so that nothing read from GAR is lost: GAR knows
// planning-structure elements (7), land plots (9), parking spaces (17) and
// legacy levels (13–16) that the eight-level structure folds together.
type GARLevel uint8

// The levels of FIAS GAR.
const (
	GARRegion               GARLevel = 1  // Субъект РФ
	GARAdminDistrict        GARLevel = 2  // Административный район
	GARMunicipalDistrict    GARLevel = 3  // Муниципальный район
	GARSettlement           GARLevel = 4  // Сельское/городское поселение
	GARCity                 GARLevel = 5  // Город
	GARLocality             GARLevel = 6  // Населенный пункт
	GARPlanningElement      GARLevel = 7  // Элемент планировочной структуры
	GARStreet               GARLevel = 8  // Элемент улично-дорожной сети
	GARLandPlot             GARLevel = 9  // Земельный участок
	GARBuilding             GARLevel = 10 // Здание (строение), сооружение
	GARPremise              GARLevel = 11 // Помещение
	GARRoom                 GARLevel = 12 // Помещения в пределах помещения
	GARAutonomousOkrug      GARLevel = 13 // Уровень автономного округа (устаревшее)
	GARIntracityArea        GARLevel = 14 // Уровень внутригородской территории (устаревшее)
	GARExtraTerritory       GARLevel = 15 // Уровень дополнительных территорий (устаревшее)
	GARExtraTerritoryObject GARLevel = 16 // Уровень объектов на дополнительных территориях (устаревшее)
	GARParkingSpace         GARLevel = 17 // Машино-место
)

var garToLevel = [...]Level{
	GARRegion:               LevelRegion,
	GARAdminDistrict:        LevelMunicipality,
	GARMunicipalDistrict:    LevelMunicipality,
	GARSettlement:           LevelSettlement,
	GARCity:                 LevelLocality,
	GARLocality:             LevelLocality,
	GARPlanningElement:      LevelLocality,
	GARStreet:               LevelStreet,
	GARLandPlot:             LevelHouse,
	GARBuilding:             LevelHouse,
	GARPremise:              LevelPremise,
	GARRoom:                 LevelRoom,
	GARAutonomousOkrug:      LevelRegion,
	GARIntracityArea:        LevelSettlement,
	GARExtraTerritory:       LevelLocality,
	GARExtraTerritoryObject: LevelStreet,
	GARParkingSpace:         LevelPremise,
}

var levelToGAR = [...]GARLevel{
	LevelRegion:       GARRegion,
	LevelMunicipality: GARMunicipalDistrict,
	LevelSettlement:   GARSettlement,
	LevelLocality:     GARLocality,
	LevelStreet:       GARStreet,
	LevelHouse:        GARBuilding,
	LevelPremise:      GARPremise,
	LevelRoom:         GARRoom,
}

// Valid reports whether g is a GAR level, 1 to 17.
func (g GARLevel) Valid() bool { return g >= GARRegion && g <= GARParkingSpace }

// Level returns the level of the address structure that GAR level g falls
// into: a planning-structure element is a locality-level object, a land
// plot a house-level one, a parking space a premise-level one. It returns 0
// for an unknown GAR level.
func (g GARLevel) Level() Level {
	if !g.Valid() {
		return 0
	}
	return garToLevel[g]
}

// GAR returns the GAR level an object of level l has when nothing more
// precise is known: 1, 3, 4, 6, 8, 10, 11 or 12. It returns 0 for an
// invalid level.
func (l Level) GAR() GARLevel {
	if !l.Valid() {
		return 0
	}
	return levelToGAR[l]
}
