package export

import (
	"io"

	"github.com/parquet-go/parquet-go"

	"sitrep"
)

// EventRow is one event as a Parquet row: the columns of the CSV export,
// typed, so that pandas, Arrow, DuckDB or Spark read them without parsing.
type EventRow struct {
	EventID      string   `parquet:"event_id"`
	ArticleID    string   `parquet:"article_id"`
	Published    string   `parquet:"published,optional"`
	Date         string   `parquet:"date,optional"`
	Sentence     int32    `parquet:"sentence"`
	SourceCode   string   `parquet:"source_code,optional"`
	SourceText   string   `parquet:"source_text,optional"`
	TargetCode   string   `parquet:"target_code,optional"`
	TargetText   string   `parquet:"target_text,optional"`
	Cameo        string   `parquet:"cameo"`
	Root         string   `parquet:"root"`
	Quad         int32    `parquet:"quad"`
	Goldstein    float64  `parquet:"goldstein"`
	Plover       string   `parquet:"plover,optional"`
	Modality     string   `parquet:"modality"`
	ClaimantCode string   `parquet:"claimant_code,optional"`
	Place        string   `parquet:"place,optional"`
	Country      string   `parquet:"country,optional"`
	Lat          *float64 `parquet:"lat,optional"`
	Lon          *float64 `parquet:"lon,optional"`
	Cluster      int64    `parquet:"cluster"`
	Outlet       string   `parquet:"outlet,optional"`
	Evidence     string   `parquet:"evidence"`
	Pattern      string   `parquet:"pattern,optional"`
	URL          string   `parquet:"url,optional"`
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
	r := EventRow{EventID: e.ID, ArticleID: e.ArticleID, Published: string(e.Published), Sentence: int32(e.Sentence),
		SourceCode: code(e.Source), SourceText: text(e.Source), TargetCode: code(e.Target), TargetText: text(e.Target),
		Cameo: e.Cameo, Root: e.Root, Quad: int32(e.Quad), Goldstein: e.Goldstein, Plover: e.Plover, Modality: e.Modality,
		ClaimantCode: code(e.Claimant), Cluster: e.Cluster, Outlet: e.Outlet, Evidence: e.Evidence.Text,
		Pattern: e.Evidence.Pattern, URL: e.URL}
	if e.Date != nil {
		r.Date = e.Date.Value
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
