package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"sitrep"
)

type cursorPage struct {
	Total, Limit, Offset int
	More                 bool
	Items                []sitrep.StoredEvent
	Next                 *string
}

// errorMessage gets url and wants a 400 whose message holds want.
func errorMessage(t *testing.T, u, want string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var e struct {
		Error struct {
			Status  int
			Message string
		}
	}
	if resp.StatusCode != 400 || json.Unmarshal(data, &e) != nil || e.Error.Status != 400 || !strings.Contains(e.Error.Message, want) {
		t.Errorf("GET %s: %d %s; want a 400 saying %q", u, resp.StatusCode, data, want)
	}
}

func TestEventsAfterCursor(t *testing.T) {
	stores(t, func(t *testing.T, srv *httptest.Server, st sitrep.Store) {
		u := srv.URL + "/api/events"
		for _, sort := range []string{"", "day", "-day", "goldstein", "-goldstein", "stored"} {
			var whole cursorPage
			get(t, u+"?limit=1000&sort="+sort, &whole)
			if whole.Next != nil || len(whole.Items) != 5 {
				t.Fatalf("sort %q: whole list %d items, next %v", sort, len(whole.Items), whole.Next)
			}
			for _, size := range []string{"1", "2", "5"} {
				var got []sitrep.StoredEvent
				q := "?limit=" + size + "&sort=" + sort
				for pages := 0; ; pages++ {
					if pages > 6 {
						t.Fatalf("sort %q, pages of %s: paging does not end", sort, size)
					}
					var p cursorPage
					get(t, u+q, &p)
					if p.Total != 5 {
						t.Errorf("sort %q, %s: total %d, want 5 on every page", sort, q, p.Total)
					}
					got = append(got, p.Items...)
					if p.Next == nil {
						break
					}
					q = "?limit=" + size + "&sort=" + sort + "&after=" + url.QueryEscape(*p.Next)
				}
				if ids(got) != ids(whole.Items) {
					t.Errorf("sort %q, pages of %s: %s, want %s", sort, size, ids(got), ids(whole.Items))
				}
			}
		}

		// Offset paging stays within the first 10,000 rows.
		var p cursorPage
		get(t, u+"?offset=9950&limit=50", &p)
		errorMessage(t, u+"?offset=9951&limit=50", "after=")
		errorMessage(t, u+"?offset=654321", "offset paging stops there")
		// Cursors that cannot continue this list.
		get(t, u+"?limit=2&sort=day", &p)
		if p.Next == nil {
			t.Fatal("no next cursor on a first page of 2 of 5")
		}
		errorMessage(t, u+"?sort=-day&after="+url.QueryEscape(*p.Next), `sorted by "day", not "-day"`)
		errorMessage(t, u+"?sort=day&offset=2&after="+url.QueryEscape(*p.Next), "not both")
		errorMessage(t, u+"?after=garbage", "not a cursor")
		errorMessage(t, u+"?after=", "after")
	})
}

// The cursor is opaque: the JSON of an event does not carry it, only the
// page's next.
func TestCursorNotInItems(t *testing.T) {
	stores(t, func(t *testing.T, srv *httptest.Server, st sitrep.Store) {
		resp, err := http.Get(srv.URL + "/api/events?limit=1")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, _ := io.ReadAll(resp.Body)
		var raw struct {
			Next  string
			Items []map[string]json.RawMessage
		}
		if err := json.Unmarshal(data, &raw); err != nil || len(raw.Items) != 1 || raw.Next == "" {
			t.Fatalf("page %s: %v", data, err)
		}
		if _, ok := raw.Items[0]["cursor"]; ok || bytes.Contains(data, []byte(`"Cursor"`)) {
			t.Errorf("an item carries its cursor: %s", data)
		}
	})
}
