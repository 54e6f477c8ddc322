package api_test

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"

	"sitrep"
)

// A cluster lacking a target (or a source, or a country) says null, as an
// event does, in the list and in the detail; never "".
func TestClusterEmptyFieldsAreNull(t *testing.T) {
	stores(t, func(t *testing.T, srv *httptest.Server, st sitrep.Store) {
		var list struct {
			Items []map[string]any
		}
		get(t, srv.URL+"/api/clusters?limit=50", &list)
		var noTarget map[string]any
		for _, k := range list.Items {
			for _, f := range []string{"source", "target", "country"} {
				v, ok := k[f]
				if !ok || v == "" {
					t.Errorf("cluster %v: %s is %#v (present %v), want a code or null", k["id"], f, v, ok)
				}
			}
			if k["source"] == "RUSMIL" && k["root"] == "18" {
				noTarget = k
			}
		}
		if noTarget == nil || noTarget["target"] != nil || noTarget["country"] != "UKR" || noTarget["mentions"] != float64(1) {
			t.Fatalf("the fixture's RUSMIL 183 event without a target: cluster %v", noTarget)
		}
		// The event it merges has a null target too.
		var events struct{ Items []map[string]any }
		get(t, srv.URL+"/api/events?actor=RUSMIL&cameo=183", &events)
		if len(events.Items) != 1 || events.Items[0]["target"] != nil {
			t.Errorf("event: %v", events.Items)
		}
		var detail struct {
			Cluster map[string]any
		}
		get(t, fmt.Sprintf("%s/api/clusters/%v", srv.URL, noTarget["id"]), &detail)
		if v, ok := detail.Cluster["target"]; !ok || v != nil || detail.Cluster["source"] != "RUSMIL" {
			t.Errorf("cluster detail: %v", detail.Cluster)
		}
		// Go clients decoding into sitrep.Cluster read null as "".
		var typed struct{ Items []sitrep.Cluster }
		get(t, srv.URL+"/api/clusters?limit=50", &typed)
		found := false
		for _, k := range typed.Items {
			if float64(k.ID) == noTarget["id"] {
				found = k.Target == "" && k.Source == "RUSMIL"
			}
		}
		if !found {
			b, _ := json.Marshal(typed.Items)
			t.Errorf("typed decoding lost the cluster without a target: %s", b)
		}
	})
}

// The words filter is "q", or "search" as the command line spells it; the
// two are one filter, so giving both is refused.
func TestSearchIsAnotherNameForQ(t *testing.T) {
	stores(t, func(t *testing.T, srv *httptest.Server, st sitrep.Store) {
		for _, path := range []string{"/api/events", "/api/articles", "/api/series", "/api/places"} {
			var byQ, bySearch map[string]any
			get(t, srv.URL+path+"?q=Aleppo", &byQ)
			get(t, srv.URL+path+"?search=Aleppo", &bySearch)
			a, _ := json.Marshal(byQ)
			b, _ := json.Marshal(bySearch)
			if string(a) != string(b) {
				t.Errorf("%s: q gave %s, search gave %s", path, a, b)
			}
		}
		var p struct{ Total int }
		get(t, srv.URL+"/api/events?search=Aleppo", &p)
		if p.Total != 3 {
			t.Errorf("events?search=Aleppo: total %d, want 3 as with q", p.Total)
		}
		var e struct {
			Error struct{ Message string }
		}
		call(t, "GET", srv.URL+"/api/events?q=Aleppo&search=Kharkiv", "", "", nil, 400, &e)
		if e.Error.Message != `parameters "q" and "search" are one filter: give one of them` {
			t.Errorf("both given: %q", e.Error.Message)
		}
		long := make([]byte, 501)
		for i := range long {
			long[i] = 'a'
		}
		call(t, "GET", srv.URL+"/api/events?search="+string(long), "", "", nil, 400, &e)
		if e.Error.Message != `parameter "search" is too long (at most 500 bytes)` {
			t.Errorf("long search: %q", e.Error.Message)
		}
	})
}
