package geo

// region is a continent or a named region that is neither a country nor a
// division in GeoNames' tables of populated places: "Africa", "the Middle
// East", "the Sahel", "Darfur", "Donbas". Coordinates are each region's
// rough centre; continents carry their GeoNames id.
type region struct {
	id       int64
	name     string
	alts     []string
	lat, lon float64
	feature  string // CONT, RGN, SEA, GULF
	country  string // ISO3 when the region lies within one country
}

var regions = []region{
	{6255146, "Africa", nil, 7.19, 21.09, "CONT", ""},
	{6255147, "Asia", nil, 29.84, 89.30, "CONT", ""},
	{6255148, "Europe", nil, 48.69, 9.14, "CONT", ""},
	{6255149, "North America", nil, 46.07, -100.55, "CONT", ""},
	{6255150, "South America", nil, -14.60, -57.66, "CONT", ""},
	{6255151, "Oceania", nil, -18.31, 138.52, "CONT", ""},
	{6255152, "Antarctica", nil, -78.16, 16.41, "CONT", ""},
	{0, "Middle East", []string{"Mideast", "Mid-East"}, 29.0, 41.0, "RGN", ""},
	{0, "Near East", nil, 31.0, 36.0, "RGN", ""},
	{0, "Sahel", nil, 14.5, 3.0, "RGN", ""},
	{0, "Gulf", []string{"Persian Gulf", "Arabian Gulf"}, 26.5, 52.0, "GULF", ""},
	{0, "Horn of Africa", nil, 8.0, 45.0, "RGN", ""},
	{0, "Maghreb", []string{"Maghrib"}, 31.0, 3.0, "RGN", ""},
	{0, "Levant", nil, 33.5, 36.5, "RGN", ""},
	{0, "Balkans", []string{"Balkan Peninsula"}, 42.5, 21.0, "RGN", ""},
	{0, "Caucasus", []string{"South Caucasus"}, 42.0, 44.5, "RGN", ""},
	{0, "North Caucasus", nil, 43.5, 45.0, "RGN", "RUS"},
	{0, "Arabian Peninsula", nil, 23.0, 46.0, "RGN", ""},
	{0, "Latin America", nil, -5.0, -62.0, "RGN", ""},
	{0, "Central America", nil, 13.5, -86.0, "RGN", ""},
	{0, "Caribbean", nil, 16.0, -72.0, "RGN", ""},
	{0, "Central Asia", nil, 43.0, 65.0, "RGN", ""},
	{0, "Southeast Asia", []string{"South East Asia", "South-East Asia"}, 8.0, 110.0, "RGN", ""},
	{0, "South Asia", nil, 22.0, 79.0, "RGN", ""},
	{0, "East Asia", nil, 35.0, 115.0, "RGN", ""},
	{0, "West Africa", nil, 11.0, -3.0, "RGN", ""},
	{0, "East Africa", nil, 0.0, 36.0, "RGN", ""},
	{0, "North Africa", nil, 27.0, 15.0, "RGN", ""},
	{0, "Southern Africa", nil, -24.0, 25.0, "RGN", ""},
	{0, "Central Africa", nil, 2.0, 20.0, "RGN", ""},
	{0, "Sub-Saharan Africa", nil, 0.0, 22.0, "RGN", ""},
	{0, "Great Lakes region", nil, -2.0, 30.0, "RGN", ""},
	{0, "Lake Chad Basin", []string{"Lake Chad region"}, 13.0, 14.0, "RGN", ""},
	{0, "Scandinavia", nil, 63.0, 15.0, "RGN", ""},
	{0, "Eastern Europe", nil, 52.0, 28.0, "RGN", ""},
	{0, "Western Europe", nil, 48.0, 5.0, "RGN", ""},
	{0, "Korean Peninsula", nil, 37.5, 127.5, "RGN", ""},
	{0, "Kurdistan", []string{"Iraqi Kurdistan", "Kurdistan Region"}, 36.5, 44.0, "RGN", ""},
	{0, "Kashmir", []string{"Jammu and Kashmir"}, 34.0, 75.5, "RGN", ""},
	{0, "Darfur", nil, 13.5, 24.0, "RGN", "SDN"},
	{0, "Donbas", []string{"Donbass"}, 48.0, 38.5, "RGN", "UKR"},
	{0, "South Ossetia", []string{"Tskhinvali Region"}, 42.33, 44.0, "RGN", "GEO"},
	{0, "Abkhazia", nil, 43.0, 41.0, "RGN", "GEO"},
	{0, "Chechnya", []string{"Chechen Republic"}, 43.4, 45.7, "RGN", "RUS"},
	{0, "Midwest", []string{"Middle West"}, 42.0, -90.0, "RGN", "USA"},
	{0, "European Union", []string{"EU"}, 50.0, 10.0, "RGN", ""},
	{0, "Soviet Union", []string{"USSR", "U.S.S.R."}, 60.0, 100.0, "RGN", ""},
	{0, "Nagorno-Karabakh", []string{"Nagorno Karabakh", "Karabakh", "Artsakh"}, 39.9, 46.7, "RGN", "AZE"},
	{0, "Transnistria", []string{"Transdniestria", "Trans-Dniester"}, 47.2, 29.4, "RGN", "MDA"},
	{0, "Ogaden", nil, 7.0, 44.0, "RGN", "ETH"},
	{0, "Puntland", nil, 8.5, 49.0, "RGN", "SOM"},
	{0, "Somaliland", nil, 9.5, 45.5, "RGN", "SOM"},
	{0, "Jubaland", nil, 1.5, 42.0, "RGN", "SOM"},
	{0, "Crimea", []string{"Crimean Peninsula"}, 45.0, 34.1, "RGN", "UKR"},
	{0, "Sinai", []string{"Sinai Peninsula"}, 29.5, 33.8, "RGN", "EGY"},
	{0, "Gaza Strip", nil, 31.42, 34.36, "RGN", "PSE"},
	{0, "West Bank", nil, 31.95, 35.25, "RGN", "PSE"},
	{0, "Golan Heights", []string{"Golan"}, 33.0, 35.75, "RGN", "SYR"},
	{0, "Mediterranean", []string{"Mediterranean Sea"}, 35.0, 18.0, "SEA", ""},
	{0, "Red Sea", nil, 20.0, 38.5, "SEA", ""},
	{0, "Black Sea", nil, 43.4, 34.0, "SEA", ""},
	{0, "Gulf of Aden", nil, 12.5, 48.0, "GULF", ""},
}

// countryAlternates are the short names English news gives countries whose
// ISO names are long or formal ("Russia", "Syria", "DR Congo").
var countryAlternates = map[string][]string{
	"USA": {"United States of America", "U.S.", "U.S.A.", "US", "USA", "America"},
	"GBR": {"Britain", "Great Britain", "UK", "U.K.", "United Kingdom"},
	"RUS": {"Russia"},
	"SYR": {"Syria"},
	"IRN": {"Iran"},
	"PRK": {"North Korea"},
	"KOR": {"South Korea"},
	"LAO": {"Laos"},
	"VNM": {"Vietnam", "Viet Nam"},
	"COD": {"Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa"},
	"COG": {"Republic of Congo", "Republic of the Congo", "Congo-Brazzaville", "Congo"},
	"CIV": {"Ivory Coast", "Côte d'Ivoire"},
	"MMR": {"Burma"},
	"MKD": {"North Macedonia", "Macedonia"},
	"MDA": {"Moldova"},
	"TZA": {"Tanzania"},
	"BOL": {"Bolivia"},
	"VEN": {"Venezuela"},
	"LBY": {"Libya"},
	"PSE": {"Palestine", "Palestinian Territories", "Palestinian territories", "Occupied Palestinian Territories"},
	"VAT": {"Vatican", "Vatican City", "Holy See"},
	"TWN": {"Taiwan"},
	"FSM": {"Micronesia"},
	"SWZ": {"Eswatini", "Swaziland"},
	"TUR": {"Türkiye", "Turkiye"},
	"TLS": {"East Timor", "Timor-Leste"},
	"CPV": {"Cabo Verde"},
	"CZE": {"Czech Republic", "Czechia"},
	"NLD": {"Holland"},
	"ARE": {"UAE", "U.A.E.", "Emirates"},
	"BRN": {"Brunei"},
	"HKG": {"Hong Kong"},
	"MAC": {"Macau", "Macao"},
	"BIH": {"Bosnia", "Bosnia-Herzegovina"},
	"GMB": {"The Gambia"},
	"BHS": {"The Bahamas"},
	"XKX": {"Kosovo"},
}

// countryPoints are the conventional points of large countries (as
// gazetteers and atlases give them: Russia at 60N 100E), whose centre of
// borders may lie a degree or more away from where geoparsing benchmarks
// expect them.
var countryPoints = map[string][2]float64{
	"RUS": {60, 100}, "CAN": {60, -95}, "USA": {39.76, -98.5}, "CHN": {35, 105},
	"AUS": {-25, 135}, "BRA": {-10, -55}, "IND": {22, 79}, "NZL": {-42, 174},
	"KAZ": {48, 68}, "ARG": {-34, -64}, "MEX": {23, -102}, "IDN": {-5, 120},
	"DZA": {28, 3}, "SAU": {25, 45}, "LBY": {28, 17}, "IRN": {32, 53},
	"MNG": {46, 105}, "PER": {-10, -76}, "CHL": {-30, -71}, "EGY": {27, 30},
	"NOR": {62, 10}, "SWE": {62, 15}, "FIN": {64, 26}, "TUR": {39, 35},
	"UKR": {49, 32}, "GRL": {72, -40}, "SDN": {15, 30},
}
