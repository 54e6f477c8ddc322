package api

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sitrep"
)

// filterParams are the parameters every list, series and aggregate takes.
// "search" is another name for "q", as the command line spells it.
var filterParams = []string{"from", "to", "country", "actor", "root", "cameo", "quad", "modality", "source", "place", "q", "search"}

// MaxLimit is the largest page a list serves.
const MaxLimit = 1000

var (
	countryRe = regexp.MustCompile(`^[A-Za-z]{3}$`)
	actorRe   = regexp.MustCompile(`^[A-Za-z0-9]{1,30}$`)
	rootRe    = regexp.MustCompile(`^[0-9]{1,2}$`)
	cameoRe   = regexp.MustCompile(`^[0-9]{1,4}$`)
	modality  = []string{sitrep.Asserted, sitrep.Claimed, sitrep.Denied, sitrep.Intended, sitrep.Conditional, sitrep.Hypothetical}
)

// onlyParams refuses parameters other than allowed, and repeated ones, so
// that a typo never silently widens a query.
func onlyParams(r *http.Request, allowed ...string) error {
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return badRequest("malformed query string: %v", err)
	}
	for k, vs := range q {
		if !slices.Contains(allowed, k) {
			if len(allowed) == 0 {
				return badRequest("unknown parameter %q: this endpoint takes none", k)
			}
			return badRequest("unknown parameter %q: want one of %s", k, strings.Join(allowed, ", "))
		}
		if len(vs) > 1 {
			return badRequest("parameter %q given %d times", k, len(vs))
		}
		if v := vs[0]; !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl) {
			return badRequest("parameter %q holds control characters or is not UTF-8", k)
		}
	}
	return nil
}

// filter reads the filter parameters.
func filter(r *http.Request) (sitrep.Filter, error) {
	q := r.URL.Query()
	var f sitrep.Filter
	var err error
	if f.From, err = sitrep.ParseDate(q.Get("from")); err != nil {
		return f, badRequest("parameter \"from\": %v", err)
	}
	if f.To, err = sitrep.ParseDate(q.Get("to")); err != nil {
		return f, badRequest("parameter \"to\": %v", err)
	}
	if f.From != "" && f.To != "" && f.To < f.From {
		return f, badRequest("parameter \"to\" (%s) is before \"from\" (%s)", f.To, f.From)
	}
	if v := q.Get("country"); v != "" {
		if !countryRe.MatchString(v) {
			return f, badRequest("parameter \"country\": %q is not an ISO 3166 alpha-3 code such as SYR", v)
		}
		f.Country = strings.ToUpper(v)
	}
	if v := q.Get("actor"); v != "" {
		if !actorRe.MatchString(v) {
			return f, badRequest("parameter \"actor\": %q is not an actor code such as RUSMIL", v)
		}
		f.Actor = strings.ToUpper(v)
	}
	root, cameo := q.Get("root"), q.Get("cameo")
	switch {
	case root != "" && cameo != "":
		return f, badRequest("give \"root\" or \"cameo\", not both")
	case root != "":
		if n, err := strconv.Atoi(root); !rootRe.MatchString(root) || err != nil || n < 1 || n > 20 {
			return f, badRequest("parameter \"root\": %q is not a CAMEO root 01 to 20", root)
		}
		f.Cameo = fmt.Sprintf("%02s", root)
	case cameo != "":
		if !cameoRe.MatchString(cameo) {
			return f, badRequest("parameter \"cameo\": %q is not a CAMEO code such as 190", cameo)
		}
		f.Cameo = cameo
		if len(cameo) == 1 {
			f.Cameo = "0" + cameo
		}
	}
	if v := q.Get("quad"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 4 {
			return f, badRequest("parameter \"quad\": %q is not a QuadClass 1 to 4", v)
		}
		f.Quad = n
	}
	if v := q.Get("modality"); v != "" {
		if !slices.Contains(modality, v) {
			return f, badRequest("parameter \"modality\": %q: want one of %s", v, strings.Join(modality, ", "))
		}
		f.Modality = v
	}
	if v := q.Get("source"); v != "" {
		if len(v) > 200 {
			return f, badRequest("parameter \"source\" is too long")
		}
		f.Outlet = v
	}
	if v := q.Get("place"); v != "" {
		if len(v) > 200 {
			return f, badRequest("parameter \"place\" is too long")
		}
		f.Place = v
	}
	name := "q"
	if q.Has("search") {
		if q.Has("q") {
			return f, badRequest("parameters \"q\" and \"search\" are one filter: give one of them")
		}
		name = "search"
	}
	if v := q.Get(name); v != "" {
		if len(v) > 500 {
			return f, badRequest("parameter %q is too long (at most 500 bytes)", name)
		}
		f.Query = v
	}
	return f, nil
}

// listFilter reads the filter with limit, offset and sort.
func listFilter(r *http.Request, defLimit int, more ...string) (sitrep.Filter, error) {
	if err := onlyParams(r, append(append(filterParams, "limit", "offset", "sort"), more...)...); err != nil {
		return sitrep.Filter{}, err
	}
	f, err := filter(r)
	if err != nil {
		return f, err
	}
	if f.Limit, err = intParam(r, "limit", defLimit, 1, MaxLimit); err != nil {
		return f, err
	}
	if f.Offset, err = intParam(r, "offset", 0, 0, 1<<31-1); err != nil {
		return f, err
	}
	f.Sort = r.URL.Query().Get("sort")
	if len(f.Sort) > 40 {
		return f, badRequest("parameter \"sort\" is too long")
	}
	return f, nil
}

// aggFilter reads the filter with a limit, for aggregates.
func aggFilter(r *http.Request, defLimit int) (sitrep.Filter, error) {
	if err := onlyParams(r, append(filterParams, "limit")...); err != nil {
		return sitrep.Filter{}, err
	}
	f, err := filter(r)
	if err != nil {
		return f, err
	}
	f.Limit, err = intParam(r, "limit", defLimit, 1, 10*MaxLimit)
	return f, err
}

func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("parameter %q: %q is not a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

func parseID(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		return 0, badRequest("%q is not a cluster id", s)
	}
	return n, nil
}
