package export

import (
	"io"

	"github.com/parquet-go/parquet-go"

	"sitrep"
)

// EventRow is one event as a Parquet row: the columns of the CSV export,
// typed, so that pandas, Arrow, DuckDB or Spark read them without parsing.
// Codes (cameo, root, actor codes) are strings, keeping their leading
// zeros ("041"); published and date are Parquet DATEs. The CSV's date
// column is the TIMEX value, which may be a month or a week ("2016-09",
// "2016-W39"): here date is the first day of that period, date_value the
// value itself and date_precision how precisely the day is known.
type EventRow struct {
	EventID       string   `parquet:"event_id"`
	ArticleID     string   `parquet:"article_id"`
	Published     *int32   `parquet:"published,date"` // days since 1970-01-01
	Date          *int32   `parquet:"date,date"`
	DateValue     string   `parquet:"date_value,optional"`
	DatePrecision string   `parquet:"date_precision,optional"`
	Sentence      int32    `parquet:"sentence"`
	SourceCode    string   `parquet:"source_code,optional"`
	SourceText    string   `parquet:"source_text,optional"`
	TargetCode    string   `parquet:"target_code,optional"`
	TargetText    string   `parquet:"target_text,optional"`
	Cameo         string   `parquet:"cameo"`
	Root          string   `parquet:"root"`
	Quad          int32    `parquet:"quad"`
	Goldstein     float64  `parquet:"goldstein"`
	Plover        string   `parquet:"plover,optional"`
	Modality      string   `parquet:"modality"`
	ClaimantCode  string   `parquet:"claimant_code,optional"`
	Place         string   `parquet:"place,optional"`
	Country       string   `parquet:"country,optional"`
	Lat           *float64 `parquet:"lat,optional"`
	Lon           *float64 `parquet:"lon,optional"`
	Cluster       int64    `parquet:"cluster"`
	Outlet        string   `parquet:"outlet,optional"`
	Evidence      string   `parquet:"evidence"`
	Pattern       string   `parquet:"pattern,optional"`
	URL           string   `parquet:"url,optional"`
}

// Row turns a stored event into its Parquet row.
func Row(e sitrep.StoredEvent) EventRow {
	code := func(a *sitrep.Actor) string {
		if a == nil {
			return ""
		}
		return a.Code
	}
	text := func(a *sitrep.Actor) string {
		if a == nil {
			return ""
		}
		return a.Text
	}
	r := EventRow{EventID: e.ID, ArticleID: e.ArticleID, Published: day(e.Published), Sentence: int32(e.Sentence),
		SourceCode: code(e.Source), SourceText: text(withoutVerb(e.Source, &e.Event)), TargetCode: code(e.Target), TargetText: text(withoutVerb(e.Target, &e.Event)),
		Cameo: e.Cameo, Root: e.Root, Quad: int32(e.Quad), Goldstein: e.Goldstein, Plover: e.Plover, Modality: e.Modality,
		ClaimantCode: code(e.Claimant), Cluster: e.Cluster, Outlet: e.Outlet, Evidence: e.Evidence.Text,
		Pattern: e.Evidence.Pattern, URL: e.URL}
	if e.Date != nil {
		r.Date, r.DateValue, r.DatePrecision = day(e.Date.StartDate), e.Date.Value, e.Date.Precision
	}
	if p := e.Place; p != nil {
		r.Place, r.Country = p.Name, p.Country
		if p.Lat != 0 || p.Lon != 0 {
			lat, lon := p.Lat, p.Lon
			r.Lat, r.Lon = &lat, &lon
		}
	}
	return r
}

// day is a date as a Parquet DATE (days since 1970-01-01), or nil for none
// (or one that is not a calendar day). The library's own time.Time
// conversion for DATE columns writes wrong values (parquet-go v0.32.0), so
// the days are counted here.
func day(d sitrep.Date) *int32 {
	t, ok := d.Time()
	if !ok {
		return nil
	}
	n := int32(t.Unix() / 86400)
	if t.Unix() < 0 && t.Unix()%86400 != 0 {
		n--
	}
	return &n
}

// WriteParquet writes events as one Parquet file (Snappy-compressed).
func WriteParquet(w io.Writer, evs []sitrep.StoredEvent) error {
	pw := parquet.NewGenericWriter[EventRow](w, parquet.Compression(&parquet.Snappy))
	rows := make([]EventRow, 0, 1024)
	for i, e := range evs {
		rows = append(rows, Row(e))
		if len(rows) == cap(rows) || i == len(evs)-1 {
			if _, err := pw.Write(rows); err != nil {
				return err
			}
			rows = rows[:0]
		}
	}
	return pw.Close()
}
