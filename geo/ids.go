package geo

// GeoNames ids of countries (the geonameid column of GeoNames'
// countryInfo table) and of first-level divisions of the United States and
// Canada (its admin1 table), which the cities500 table the gazetteer is
// built from does not carry. A country or division read from text takes its
// id from here, so that it can be compared with other GeoNames-based data.

// countryIDs maps ISO 3166-1 alpha-3 codes to GeoNames ids.
var countryIDs = map[string]int64{
	"AND": 3041565, "ARE": 290557, "AFG": 1149361, "ATG": 3576396, "AIA": 3573511,
	"ALB": 783754, "ARM": 174982, "AGO": 3351879, "ARG": 3865483, "AUT": 2782113,
	"AUS": 2077456, "AZE": 587116, "BIH": 3277605, "BRB": 3374084, "BGD": 1210997,
	"BEL": 2802361, "BFA": 2361809, "BGR": 732800, "BHR": 290291, "BDI": 433561,
	"BEN": 2395170, "BOL": 3923057, "BRA": 3469034, "BHS": 3572887, "BTN": 1252634,
	"BWA": 933860, "BLR": 630336, "BLZ": 3582678, "CAN": 6251999, "COD": 203312,
	"CAF": 239880, "COG": 2260494, "CHE": 2658434, "CIV": 2287781, "CHL": 3895114,
	"CMR": 2233387, "CHN": 1814991, "COL": 3686110, "CRI": 3624060, "CUB": 3562981,
	"CPV": 3374766, "CYP": 146669, "CZE": 3077311, "DEU": 2921044, "DJI": 223816,
	"DNK": 2623032, "DMA": 3575830, "DOM": 3508796, "DZA": 2589581, "ECU": 3658394,
	"EST": 453733, "EGY": 357994, "ERI": 338010, "ESP": 2510769, "ETH": 337996,
	"FIN": 660013, "FJI": 2205218, "FRA": 3017382, "GAB": 2400553, "GBR": 2635167,
	"GRD": 3580239, "GEO": 614540, "GHA": 2300660, "GMB": 2413451, "GIN": 2420477,
	"GNQ": 2309096, "GRC": 390903, "GTM": 3595528, "GNB": 2372248, "GUY": 3378535,
	"HKG": 1819730, "HND": 3608932, "HRV": 3202326, "HTI": 3723988, "HUN": 719819,
	"IDN": 1643084, "IRL": 2963597, "ISR": 294640, "IND": 1269750, "IRQ": 99237,
	"IRN": 130758, "ISL": 2629691, "ITA": 3175395, "JAM": 3489940, "JOR": 248816,
	"JPN": 1861060, "KEN": 192950, "KGZ": 1527747, "KHM": 1831722, "PRK": 1873107,
	"KOR": 1835841, "KWT": 285570, "KAZ": 1522867, "LAO": 1655842, "LBN": 272103,
	"LKA": 1227603, "LBR": 2275384, "LSO": 932692, "LTU": 597427, "LUX": 2960313,
	"LVA": 458258, "LBY": 2215636, "MAR": 2542007, "MDA": 617790, "MNE": 3194884,
	"MDG": 1062947, "MKD": 718075, "MLI": 2453866, "MMR": 1327865, "MNG": 2029969,
	"MRT": 2378080, "MLT": 2562770, "MUS": 934292, "MDV": 1282028, "MWI": 927384,
	"MEX": 3996063, "MYS": 1733045, "MOZ": 1036973, "NAM": 3355338, "NER": 2440476,
	"NGA": 2328926, "NIC": 3617476, "NLD": 2750405, "NOR": 3144096, "NPL": 1282988,
	"NZL": 2186224, "OMN": 286963, "PAN": 3703430, "PER": 3932488, "PNG": 2088628,
	"PHL": 1694008, "PAK": 1168579, "POL": 798544, "PSE": 6254930, "PRT": 2264397,
	"PRY": 3437598, "QAT": 289688, "ROU": 798549, "SRB": 6290252, "RUS": 2017370,
	"RWA": 49518, "SAU": 102358, "SLB": 2103350, "SYC": 241170, "SDN": 366755,
	"SWE": 2661886, "SGP": 1880251, "SVN": 3190538, "SVK": 3057568, "SLE": 2403846,
	"SEN": 2245662, "SOM": 51537, "SUR": 3382998, "SSD": 7909807, "SLV": 3585968,
	"SYR": 163843, "SWZ": 934841, "TCD": 2434508, "TGO": 2363686, "THA": 1605651,
	"TJK": 1220409, "TLS": 1966436, "TKM": 1218197, "TUN": 2464461, "TUR": 298795,
	"TTO": 3573591, "TWN": 1668284, "TZA": 149590, "UKR": 690791, "UGA": 226074,
	"USA": 6252001, "URY": 3439705, "UZB": 1512440, "VAT": 3164670, "VEN": 3625428,
	"VNM": 1562822, "YEM": 69543, "ZAF": 953987, "ZMB": 895949, "ZWE": 878675,
	"XKX": 831053, "PRI": 4566966, "COM": 921929, "KNA": 3575174, "LCA": 3576468,
	"VCT": 3577815, "WSM": 4034894, "TON": 4032283, "VUT": 2134431, "KIR": 4030945,
	"MHL": 2080185, "FSM": 2081918, "PLW": 1559582, "NRU": 2110425, "TUV": 2110297,
	"STP": 2410758, "MCO": 2993457, "LIE": 3042058, "SMR": 3168068, "BRN": 1820814,
	"MAC": 1821275, "GRL": 3425505,
}

// admin1IDs maps GeoNames admin1 codes of US states and Canadian provinces
// to their GeoNames ids.
var admin1IDs = map[string]int64{
	"USA.AL": 4829764, "USA.AK": 5879092, "USA.AZ": 5551752, "USA.AR": 4099753, "USA.CA": 5332921,
	"USA.CO": 5417618, "USA.CT": 4831725, "USA.DE": 4142224, "USA.DC": 4138106, "USA.FL": 4155751,
	"USA.GA": 4197000, "USA.HI": 5855797, "USA.ID": 5596512, "USA.IL": 4896861, "USA.IN": 4921868,
	"USA.IA": 4862182, "USA.KS": 4273857, "USA.KY": 6254925, "USA.LA": 4331987, "USA.ME": 4971068,
	"USA.MD": 4361885, "USA.MA": 6254926, "USA.MI": 5001836, "USA.MN": 5037779, "USA.MS": 4436296,
	"USA.MO": 4398678, "USA.MT": 5667009, "USA.NE": 5073708, "USA.NV": 5509151, "USA.NH": 5090174,
	"USA.NJ": 5101760, "USA.NM": 5481136, "USA.NY": 5128638, "USA.NC": 4482348, "USA.ND": 5690763,
	"USA.OH": 5165418, "USA.OK": 4544379, "USA.OR": 5744337, "USA.PA": 6254927, "USA.RI": 5224323,
	"USA.SC": 4597040, "USA.SD": 5769223, "USA.TN": 4662168, "USA.TX": 4736286, "USA.UT": 5549030,
	"USA.VT": 5242283, "USA.VA": 6254928, "USA.WA": 5815135, "USA.WV": 4826850, "USA.WI": 5279468,
	"USA.WY": 5843591,
	"CAN.01": 5883102, "CAN.02": 5909050, "CAN.03": 6065171, "CAN.04": 6087430, "CAN.05": 6354959,
	"CAN.07": 6091530, "CAN.08": 6093943, "CAN.09": 6113358, "CAN.10": 6115047, "CAN.11": 6141242,
}

// admin1Points are rough centres of the Canadian provinces, whose places
// crowd along their southern border, so that the mean of their places lies
// hundreds of kilometres south of the centre.
var admin1Points = map[string][2]float64{
	"CAN.01": {54.5, -115}, "CAN.02": {54, -125}, "CAN.03": {55, -97}, "CAN.04": {46.5, -66.25},
	"CAN.05": {52, -56}, "CAN.07": {45, -63}, "CAN.08": {49.25, -84.5}, "CAN.10": {52, -72},
	"CAN.11": {54, -106},
}

// knownID returns the GeoNames id of a country or division entry that the
// gazetteer file holds without one (one built before the ids), or 0.
func knownID(e *Entry) int64 {
	switch e.Feature {
	case "PCLI":
		return countryIDs[e.Country]
	case "ADM1":
		return admin1IDs[e.Country+"."+e.Admin1]
	}
	return 0
}
