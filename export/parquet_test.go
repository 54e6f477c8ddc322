package export

import (
	"bytes"
	"testing"

	"github.com/parquet-go/parquet-go"

	"sitrep"
)

func TestParquetRoundTrip(t *testing.T) {
	cc := "SYR"
	evs := []sitrep.StoredEvent{
		{Event: sitrep.Event{ID: "a-0", Sentence: 2, Source: &sitrep.Actor{Text: "Syrian warplanes", Code: "SYRMIL", Country: &cc},
			Target: &sitrep.Actor{Text: "rebels", Code: "SYRREB"}, Cameo: "195", Root: "19", Quad: 4, Goldstein: -10,
			Plover: "ASSAULT", Modality: sitrep.Asserted, Date: &sitrep.Time{Value: "2016-10-03"},
			Place:    &sitrep.Place{Name: "Aleppo", Country: "SYR", Lat: 36.2, Lon: 37.16},
			Evidence: sitrep.Evidence{Text: "warplanes pounded", Pattern: "195 pound"}},
			ArticleID: "a", URL: "https://x.invalid/a", Published: "2016-10-04", Outlet: "Wire", Cluster: 7},
		{Event: sitrep.Event{ID: "b-0", Cameo: "010", Root: "01", Quad: 1, Modality: sitrep.Claimed,
			Evidence: sitrep.Evidence{Text: "said"}}, ArticleID: "b"},
	}
	var buf bytes.Buffer
	if err := WriteParquet(&buf, evs); err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.Read[EventRow](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Fatalf("read %d rows, want 2", len(rows))
	}
	r := rows[0]
	if r.EventID != "a-0" || r.SourceCode != "SYRMIL" || r.Cameo != "195" || r.Quad != 4 || r.Goldstein != -10 ||
		r.Place != "Aleppo" || r.Lat == nil || *r.Lat != 36.2 || r.Cluster != 7 || r.Date != "2016-10-03" || r.Outlet != "Wire" {
		t.Errorf("first row = %+v", r)
	}
	if r := rows[1]; r.Lat != nil || r.SourceCode != "" || r.Modality != "claimed" {
		t.Errorf("second row = %+v", r)
	}
	// An empty export is still a valid file.
	buf.Reset()
	if err := WriteParquet(&buf, nil); err != nil {
		t.Fatal(err)
	}
	if rows, err := parquet.Read[EventRow](bytes.NewReader(buf.Bytes()), int64(buf.Len())); err != nil || len(rows) != 0 {
		t.Errorf("empty file: %d rows, %v", len(rows), err)
	}
}
