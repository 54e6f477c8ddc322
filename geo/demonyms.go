package geo

import "strings"

// demonyms maps the adjectives and people's names of countries and of a
// few regions ("Russian", "Palestinians", "South Ossetian") to the ISO3
// code of the country, or to the name of the region, they come from. Plurals
// in -s are derived ("Americans"), so only irregular ones are listed.
var demonyms = map[string]string{
	"Afghan": "AFG", "Albanian": "ALB", "Algerian": "DZA", "American": "USA", "Angolan": "AGO",
	"Argentine": "ARG", "Argentinian": "ARG", "Armenian": "ARM", "Australian": "AUS", "Austrian": "AUT",
	"Azerbaijani": "AZE", "Azeri": "AZE", "Bahraini": "BHR", "Bangladeshi": "BGD", "Belarusian": "BLR",
	"Belgian": "BEL", "Beninese": "BEN", "Bolivian": "BOL", "Bosnian": "BIH", "Brazilian": "BRA",
	"British": "GBR", "Briton": "GBR", "Bulgarian": "BGR", "Burkinabe": "BFA", "Burmese": "MMR",
	"Burundian": "BDI", "Cambodian": "KHM", "Cameroonian": "CMR", "Canadian": "CAN", "Chadian": "TCD",
	"Chilean": "CHL", "Chinese": "CHN", "Colombian": "COL", "Congolese": "COD", "Croatian": "HRV",
	"Cuban": "CUB", "Cypriot": "CYP", "Czech": "CZE", "Danish": "DNK", "Dane": "DNK", "Djiboutian": "DJI",
	"Dominican": "DOM", "Dutch": "NLD", "Ecuadorian": "ECU", "Egyptian": "EGY", "Emirati": "ARE",
	"Eritrean": "ERI", "Estonian": "EST", "Ethiopian": "ETH", "Filipino": "PHL", "Finnish": "FIN",
	"French": "FRA", "Gabonese": "GAB", "Gambian": "GMB", "Georgian": "GEO", "German": "DEU",
	"Ghanaian": "GHA", "Greek": "GRC", "Guatemalan": "GTM", "Guinean": "GIN", "Haitian": "HTI",
	"Honduran": "HND", "Hungarian": "HUN", "Icelandic": "ISL", "Indian": "IND", "Indonesian": "IDN",
	"Iranian": "IRN", "Iraqi": "IRQ", "Irish": "IRL", "Israeli": "ISR", "Italian": "ITA",
	"Ivorian": "CIV", "Jamaican": "JAM", "Japanese": "JPN", "Jordanian": "JOR", "Kazakh": "KAZ",
	"Kenyan": "KEN", "Kosovar": "XKX", "Kuwaiti": "KWT", "Kyrgyz": "KGZ", "Laotian": "LAO",
	"Latvian": "LVA", "Lebanese": "LBN", "Liberian": "LBR", "Libyan": "LBY", "Lithuanian": "LTU",
	"Luxembourgish": "LUX", "Macedonian": "MKD", "Malagasy": "MDG", "Malawian": "MWI", "Malaysian": "MYS",
	"Malian": "MLI", "Maltese": "MLT", "Mauritanian": "MRT", "Mexican": "MEX", "Moldovan": "MDA",
	"Mongolian": "MNG", "Montenegrin": "MNE", "Moroccan": "MAR", "Mozambican": "MOZ", "Namibian": "NAM",
	"Nepalese": "NPL", "Nepali": "NPL", "Nicaraguan": "NIC", "Nigerian": "NGA", "Nigerien": "NER",
	"Norwegian": "NOR", "Omani": "OMN", "Pakistani": "PAK", "Palestinian": "PSE", "Panamanian": "PAN",
	"Paraguayan": "PRY", "Peruvian": "PER", "Polish": "POL", "Pole": "POL", "Portuguese": "PRT",
	"Qatari": "QAT", "Romanian": "ROU", "Russian": "RUS", "Rwandan": "RWA", "Salvadoran": "SLV",
	"Saudi": "SAU", "Senegalese": "SEN", "Serbian": "SRB", "Serb": "SRB", "Sierra Leonean": "SLE",
	"Singaporean": "SGP", "Slovak": "SVK", "Slovenian": "SVN", "Somali": "SOM", "South African": "ZAF",
	"South Korean": "KOR", "North Korean": "PRK", "South Sudanese": "SSD", "Spanish": "ESP",
	"Spaniard": "ESP", "Sri Lankan": "LKA", "Sudanese": "SDN", "Swedish": "SWE", "Swede": "SWE",
	"Swiss": "CHE", "Syrian": "SYR", "Taiwanese": "TWN", "Tajik": "TJK", "Tanzanian": "TZA",
	"Thai": "THA", "Togolese": "TGO", "Tunisian": "TUN", "Turkish": "TUR", "Turk": "TUR",
	"Turkmen": "TKM", "Ugandan": "UGA", "Ukrainian": "UKR", "Uruguayan": "URY", "Uzbek": "UZB",
	"Venezuelan": "VEN", "Vietnamese": "VNM", "Yemeni": "YEM", "Zambian": "ZMB", "Zimbabwean": "ZWE",
	"New Zealander": "NZL", "Scottish": "GBR", "Welsh": "GBR",
	// Irregular plurals.
	"Frenchmen": "FRA", "Englishmen": "GBR", "Dutchmen": "NLD", "Irishmen": "IRL",
	// Regions.
	"African": "Africa", "European": "Europe", "Asian": "Asia", "Latin American": "Latin America",
	"Middle Eastern": "Middle East", "Kurdish": "Kurdistan", "Kashmiri": "Kashmir",
	"Darfuri": "Darfur", "Crimean": "Crimea", "Gazan": "Gaza Strip", "Caucasian": "Caucasus",
	"South Ossetian": "South Ossetia", "Ossetian": "South Ossetia", "Abkhaz": "Abkhazia",
	"Abkhazian": "Abkhazia", "Chechen": "Chechnya", "Balkan": "Balkans", "Caribbean": "Caribbean",
	"Scandinavian": "Scandinavia", "Sahelian": "Sahel",
}

// demonymKeys maps normalized demonyms and their plurals to what they name.
var demonymKeys = func() map[string]string {
	m := map[string]string{}
	for d, to := range demonyms {
		m[Key(d)] = to
		if !strings.HasSuffix(d, "s") && !strings.HasSuffix(d, "h") && !strings.HasSuffix(d, "ese") && !strings.HasSuffix(d, "men") {
			m[Key(d+"s")] = to // "Americans", "Iraqis", "Palestinians"
		}
	}
	return m
}()

// Demonym returns the ISO3 code or region name a demonym names ("Turkish":
// "TUR", "Palestinians": "PSE"), or "".
func Demonym(word string) string { return demonymKeys[Key(word)] }
