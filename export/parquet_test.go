package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"sitrep"
)

// dateOf is the day a Parquet DATE value counts.
func dateOf(days int32) sitrep.Date {
	return sitrep.DateOf(time.Unix(int64(days)*86400, 0).UTC())
}

func TestParquetRoundTrip(t *testing.T) {
	cc := "SYR"
	evs := []sitrep.StoredEvent{
		{Event: sitrep.Event{ID: "a-0", Sentence: 2, Source: &sitrep.Actor{Text: "Syrian warplanes", Code: "SYRMIL", Country: &cc},
			Target: &sitrep.Actor{Text: "rebels", Code: "SYRREB"}, Cameo: "195", Root: "19", Quad: 4, Goldstein: -10,
			Plover: "ASSAULT", Modality: sitrep.Asserted, Date: &sitrep.Time{Value: "2016-10-03", StartDate: "2016-10-03", EndDate: "2016-10-03", Precision: "day"},
			Place:    &sitrep.Place{Name: "Aleppo", Country: "SYR", Lat: 36.2, Lon: 37.16},
			Evidence: sitrep.Evidence{Text: "warplanes pounded", Pattern: "195 pound"}},
			ArticleID: "a", URL: "https://x.invalid/a", Published: "2016-10-04", Outlet: "Wire", Cluster: 7},
		{Event: sitrep.Event{ID: "b-0", Cameo: "010", Root: "01", Quad: 1, Modality: sitrep.Claimed,
			Evidence: sitrep.Evidence{Text: "said"}}, ArticleID: "b"},
		{Event: sitrep.Event{ID: "c-0", Cameo: "173", Root: "17", Quad: 4, Modality: sitrep.Asserted,
			Date: &sitrep.Time{Value: "2016-09", StartDate: "2016-09-01", EndDate: "2016-09-30", Precision: "month"}},
			ArticleID: "c", Published: "2016-10-04"},
	}
	var buf bytes.Buffer
	if err := WriteParquet(&buf, evs); err != nil {
		t.Fatal(err)
	}
	rows, err := parquet.Read[EventRow](bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("read %d rows, want 3", len(rows))
	}
	r := rows[0]
	if r.EventID != "a-0" || r.SourceCode != "SYRMIL" || r.Cameo != "195" || r.Quad != 4 || r.Goldstein != -10 ||
		r.Place != "Aleppo" || r.Lat == nil || *r.Lat != 36.2 || r.Cluster != 7 || r.Outlet != "Wire" {
		t.Errorf("first row = %+v", r)
	}
	if r.Date == nil || dateOf(*r.Date) != "2016-10-03" || r.DateValue != "2016-10-03" || r.DatePrecision != "day" ||
		r.Published == nil || *r.Published != 17078 || dateOf(*r.Published) != "2016-10-04" {
		t.Errorf("first row dates: date %v (%q, %q), published %v", r.Date, r.DateValue, r.DatePrecision, r.Published)
	}
	if r := rows[1]; r.Lat != nil || r.SourceCode != "" || r.Modality != "claimed" || r.Published != nil || r.Date != nil {
		t.Errorf("second row = %+v", r)
	}
	// A month-precision date is the first day of its month, with its value.
	if r := rows[2]; r.Date == nil || dateOf(*r.Date) != "2016-09-01" || r.DateValue != "2016-09" || r.DatePrecision != "month" {
		t.Errorf("third row dates: %v %q %q", r.Date, r.DateValue, r.DatePrecision)
	}

	// The schema: dates are DATE (int32 days), codes strings.
	f, err := parquet.OpenFile(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ col, want string }{
		{"published", "DATE"}, {"date", "DATE"}, {"cameo", "STRING"}, {"root", "STRING"}, {"source_code", "STRING"},
	} {
		field, ok := f.Schema().Lookup(c.col)
		if !ok {
			t.Errorf("no column %s", c.col)
			continue
		}
		if lt := field.Node.Type().LogicalType(); lt == nil || !strings.Contains(lt.String(), c.want) {
			t.Errorf("column %s has logical type %v, want %s", c.col, lt, c.want)
		}
	}
	if field, _ := f.Schema().Lookup("published"); field.Node.Type().Kind() != parquet.Int32 {
		t.Errorf("published is stored as %v, want INT32 days", field.Node.Type().Kind())
	}
	// Days before 1970 count down.
	if d := day("1969-12-31"); d == nil || *d != -1 || dateOf(*d) != "1969-12-31" {
		t.Errorf("1969-12-31 is day %v", d)
	}
	if day("2016-09") != nil || day("") != nil {
		t.Errorf("a month or nothing made a day")
	}
	// Leading zeros survive: "010" is read back as "010".
	if rows[1].Cameo != "010" || rows[1].Root != "01" {
		t.Errorf("codes lost their zeros: %q %q", rows[1].Cameo, rows[1].Root)
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
