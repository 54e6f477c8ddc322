package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"sitrep/api"
	"sitrep/engine"
	"sitrep/examples"
	"sitrep/sqlite"
	"sitrep/web"
	"sitrep/web/internal/demo"
)

// xssReport is stored with the examples: its title and text hold markup
// that must show as text and never run.
const xssReport = `Title: <script>window.__xss = "title"</script> Rebels attack Aleppo
Source: XSS Test Wire
Published: 2016-10-07

<script>window.__xss = "text"</script><img src=x onerror="window.__xss='img'"> Syrian rebels attacked government forces in Aleppo on Friday, killing three soldiers, a monitoring group said.
`

// chromium finds Debian's chromium.
func chromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// server stores the examples and the XSS report in a temporary SQLite
// store and serves the API and the embedded dashboard on 127.0.0.1.
func server(t *testing.T) *httptest.Server {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "e2e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	n, err := demo.Load(ctx, st, []byte(xssReport))
	if err != nil {
		t.Fatal(err)
	}
	if n < 25 {
		t.Fatalf("stored %d reports, want the 24 examples and the XSS report", n)
	}
	coder, err := engine.New(engine.Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(api.Options{Store: st, Coder: coder, Web: web.FS()}))
	t.Cleanup(srv.Close)
	return srv
}

// getJSON fetches an API path into v.
func getJSON(t *testing.T, base, path string, v any) {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", path, res.Status)
	}
	if err := json.NewDecoder(res.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// browser starts headless Chromium and returns a tab's context.
func browser(t *testing.T, bin string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1366, 850),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first action starts the browser; its context must not time out,
	// or the browser stops with it, so a timer cancels it instead.
	timer := time.AfterFunc(60*time.Second, cancel)
	err := chromedp.Do(ctx, chromedp.Navigate("about:blank"))
	if !timer.Stop() || err != nil {
		t.Fatalf("chromium did not start: %v", err)
	}
	return ctx
}

// step runs actions within a time limit, failing the test with name.
func step(t *testing.T, ctx context.Context, name string, limit time.Duration, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	if err := chromedp.Do(c, actions...); err != nil {
		s, sc := context.WithTimeout(ctx, 5*time.Second)
		where, _ := chromedp.Run(s, chromedp.Location())
		shown, _ := chromedp.Run(s, chromedp.Evaluate[string](`document.body.innerText.slice(0, 1500)`))
		sc()
		t.Fatalf("%s: %v\nat %s\npage text:\n%s", name, err, where, shown)
	}
}

// until waits for a JavaScript condition to hold.
func until(cond string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingInterval(100*time.Millisecond), chromedp.WithPollingTimeout(0))
}

// eval evaluates a JavaScript expression into *v.
func eval[T any](expr string, v *T) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		r, err := chromedp.Evaluate[T](expr)(ctx, t)
		*v = r
		return chromedp.Void{}, err
	}
}

// value runs one action that gives a value, within a time limit.
func value[T any](t *testing.T, ctx context.Context, name string, a chromedp.Action[T]) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, a)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func TestDashboardEndToEnd(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium: install Debian's chromium (/usr/bin/chromium) to run the dashboard's end-to-end test")
	}
	if testing.Short() {
		t.Skip("end-to-end test skipped in -short mode")
	}
	srv := server(t)
	ctx := browser(t, bin)

	// Any uncaught exception or console error on the page fails the test.
	var mu sync.Mutex
	var pageErrors []string
	cctx, stopConsole := context.WithCancel(ctx)
	messages := chromedp.Console(cctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				mu.Lock()
				pageErrors = append(pageErrors, m.String())
				mu.Unlock()
			}
		}
	}()
	defer func() {
		stopConsole()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, e := range pageErrors {
			t.Errorf("page error: %s", e)
		}
	}()

	var n int
	var s string
	var ok bool

	t.Run("loads", func(t *testing.T) {
		step(t, ctx, "load the dashboard", 30*time.Second,
			chromedp.Navigate(srv.URL+"/"),
			until(`document.querySelectorAll('#map .countries path').length > 100`),
			until(`document.querySelectorAll('#map .places circle').length > 0`),
			until(`document.querySelectorAll('#timeline svg .bars rect').length > 0`),
			until(`document.querySelectorAll('#table tbody tr.row').length > 0`),
		)
		step(t, ctx, "read the views", 10*time.Second,
			eval(`document.querySelectorAll('#map path[d]').length`, &n))
		if n < 100 {
			t.Errorf("map has %d paths, want the world's countries", n)
		}
		step(t, ctx, "stats", 10*time.Second, until(`/25 reports/.test(document.getElementById('stats').textContent)`))
		step(t, ctx, "table size", 10*time.Second, eval(`document.querySelectorAll('#table tbody tr.row').length`, &n))
		if n != 50 {
			t.Errorf("table shows %d rows, want a page of 50", n)
		}
		step(t, ctx, "timeline line", 10*time.Second, until(`document.querySelector('#timeline .killed-line') !== null`))
	})

	t.Run("filter", func(t *testing.T) {
		var before string
		step(t, ctx, "note before", 5*time.Second, eval(`document.getElementById('table-note').textContent`, &before))
		step(t, ctx, "pick CAMEO root 19", 20*time.Second,
			eval(`(() => { const s = document.getElementById('f-kind'); s.value = 'root:19'; s.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, &ok),
			until(`new URLSearchParams(location.search).get('root') === '19'`),
			until(`document.getElementById('table-note').textContent !== `+jsString(before)),
			until(`document.querySelectorAll('#table tbody tr.row').length > 0 && [...document.querySelectorAll('#table tbody .cameo')].every(e => e.textContent.startsWith('19'))`),
			until(`document.querySelectorAll('#chips .chip').length === 1`),
		)
		step(t, ctx, "click Syria on the map", 20*time.Second,
			eval(`(() => { document.querySelector('#map path[data-country="SYR"]').dispatchEvent(new MouseEvent('click', {bubbles: true})); return true })()`, &ok),
			until(`new URLSearchParams(location.search).get('country') === 'SYR'`),
			until(`document.getElementById('f-country').value === 'SYR'`),
			until(`document.querySelector('#map path.selected[data-country="SYR"]') !== null`),
		)
		// Reloading the URL gives the same view: the filters live in it.
		step(t, ctx, "reload with the filters", 30*time.Second,
			chromedp.Reload(),
			until(`document.getElementById('f-kind').value === 'root:19' && document.getElementById('f-country').value === 'SYR'`),
			until(`document.querySelectorAll('#table tbody tr.row').length > 0`),
			eval(`document.getElementById('table-note').textContent`, &s),
		)
		var want struct{ Total int }
		getJSON(t, srv.URL, "/api/events?root=19&country=SYR&limit=1", &want)
		if !strings.HasPrefix(s, fmt.Sprint(want.Total)+" event") {
			t.Errorf("table note %q, want %d events", s, want.Total)
		}
		step(t, ctx, "clear the filters", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#f-clear`)),
			until(`location.search === ''`),
			until(`document.querySelectorAll('#chips .chip').length === 0`),
		)
	})

	t.Run("place", func(t *testing.T) {
		// The place to click: the biggest circle that no other covers at its
		// centre, clicked there with the mouse as an analyst would.
		var hit struct {
			Name, Country string
			X, Y          float64
		}
		step(t, ctx, "find a place on the map", 20*time.Second,
			chromedp.Navigate(srv.URL+"/"),
			until(`document.querySelectorAll('#map .places circle').length > 0 && document.querySelectorAll('#table tbody tr.row').length > 0`),
			until(`!document.getElementById('map').classList.contains('loading')`),
			chromedp.Sleep(300*time.Millisecond),
			eval(`(() => {
				for (const c of document.querySelectorAll('#map .places circle')) {
					const r = c.getBoundingClientRect();
					const x = r.x + r.width / 2, y = r.y + r.height / 2;
					if (r.width >= 6 && document.elementFromPoint(x, y) === c) return {name: c.dataset.name, country: c.dataset.country, x, y};
				}
				return null;
			})()`, &hit),
		)
		if hit.Name == "" {
			t.Fatal("no place circle on the map can be clicked at its centre")
		}
		step(t, ctx, "click the place "+hit.Name, 20*time.Second,
			chromedp.MouseClickXY(hit.X, hit.Y),
			until(`new URLSearchParams(location.search).get('place') === `+jsString(hit.Name)),
			until(`(new URLSearchParams(location.search).get('country') || '') === `+jsString(hit.Country)),
			until(`[...document.querySelectorAll('#chips .chip')].some(c => c.textContent.includes('Place: ' + `+jsString(hit.Name)+`))`),
			until(`document.querySelector('#map .places circle.chosen[data-name=' + CSS.escape(`+jsString(hit.Name)+`) + ']') !== null`),
			until(`document.querySelector('#map .place-marks g.mark') !== null`),
			until(`!document.getElementById('table').classList.contains('loading') && document.querySelectorAll('#table tbody tr.row').length > 0`),
			until(`[...document.querySelectorAll('#table tbody td.c-place .place > span:first-child')].every(e => e.textContent === `+jsString(hit.Name)+`)`),
			until(`document.querySelectorAll('#table tbody td.c-place').length === document.querySelectorAll('#table tbody td.c-place .place').length`),
			until(`!document.getElementById('timeline').classList.contains('loading') && document.querySelectorAll('#timeline svg .bars rect').length > 0`),
			eval(`document.getElementById('table-note').textContent`, &s),
		)
		var want struct{ Total int }
		getJSON(t, srv.URL, "/api/events?limit=1&place="+url.QueryEscape(hit.Name)+"&country="+url.QueryEscape(hit.Country), &want)
		if want.Total == 0 || !strings.HasPrefix(s, fmt.Sprint(want.Total)+" event") {
			t.Errorf("table note %q, want the %d events of %s", s, want.Total, hit.Name)
		}
		var series struct {
			Items []struct{ Events int }
		}
		getJSON(t, srv.URL, "/api/series?by=year&metric=events&place="+url.QueryEscape(hit.Name)+"&country="+url.QueryEscape(hit.Country), &series)
		total := 0
		for _, d := range series.Items {
			total += d.Events
		}
		step(t, ctx, "timeline of the place", 10*time.Second, eval(`document.getElementById('timeline-note').textContent`, &s))
		if !strings.HasPrefix(s, fmt.Sprintf("%d mention", total)) {
			t.Errorf("timeline note %q, want the %d mentions of %s", s, total, hit.Name)
		}
		// Without the chip the place goes from every view; its country stays.
		var country struct{ Total int }
		getJSON(t, srv.URL, "/api/events?limit=1&country="+url.QueryEscape(hit.Country), &country)
		step(t, ctx, "remove the place chip", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#chips button[aria-label="Remove place filter"]`)),
			until(`!new URLSearchParams(location.search).has('place')`),
			until(`![...document.querySelectorAll('#chips .chip')].some(c => c.textContent.startsWith('Place:'))`),
			until(`document.querySelector('#map .places circle.chosen') === null && document.querySelector('#map .place-marks g.mark') === null`),
			until(`!document.getElementById('table').classList.contains('loading') && document.getElementById('table-note').textContent.startsWith('`+fmt.Sprint(country.Total)+` event')`),
		)
		step(t, ctx, "clear the country", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#f-clear`)),
			until(`location.search === ''`),
			until(`document.querySelectorAll('#chips .chip').length === 0`),
		)
	})

	t.Run("merged events", func(t *testing.T) {
		var series struct {
			Items []struct{ Clusters int }
		}
		getJSON(t, srv.URL, "/api/series?by=year&metric=clusters", &series)
		total := 0
		for _, d := range series.Items {
			total += d.Clusters
		}
		merged := until(`document.querySelector('#timeline-metric button[data-value="clusters"]').getAttribute('aria-pressed') === 'true' && !document.getElementById('timeline').classList.contains('loading') && document.querySelectorAll('#timeline svg .bars rect').length > 0 && /^` + fmt.Sprint(total) + ` merged events · /.test(document.getElementById('timeline-note').textContent)`)
		step(t, ctx, "count merged events", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#timeline-metric button[data-value="clusters"]`)),
			until(`new URLSearchParams(location.search).get('metric') === 'clusters'`),
			merged,
		)
		step(t, ctx, "reload with merged events", 30*time.Second,
			chromedp.Reload(),
			until(`new URLSearchParams(location.search).get('metric') === 'clusters'`),
			merged,
		)
		step(t, ctx, "count mentions again", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#timeline-metric button[data-value="events"]`)),
			until(`location.search === ''`),
			until(`document.querySelector('#timeline-metric button[data-value="events"]').getAttribute('aria-pressed') === 'true' && /^\d+ mentions · /.test(document.getElementById('timeline-note').textContent) && document.querySelectorAll('#timeline svg .bars rect').length > 0`),
		)
	})

	t.Run("sort and page", func(t *testing.T) {
		step(t, ctx, "sort by Goldstein", 20*time.Second,
			chromedp.Navigate(srv.URL+"/"),
			until(`document.querySelectorAll('#table tbody tr.row').length === 50`),
			chromedp.Click(chromedp.CSS(`#table th.c-num .sort-btn`)),
			until(`new URLSearchParams(location.search).get('sort') === '-goldstein'`),
			until(`(() => { const g = [...document.querySelectorAll('#table tbody td.c-num')].map(td => parseFloat(td.textContent)); return g.length === 50 && g.every((v, i) => i === 0 || g[i - 1] >= v) })()`),
			chromedp.Click(chromedp.CSS(`#table th.c-num .sort-btn`)),
			until(`new URLSearchParams(location.search).get('sort') === 'goldstein'`),
			until(`(() => { const g = [...document.querySelectorAll('#table tbody td.c-num')].map(td => parseFloat(td.textContent)); return g.length === 50 && g.every((v, i) => i === 0 || g[i - 1] <= v) })()`),
		)
		step(t, ctx, "next page", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#pager button[aria-label="Next page"]`)),
			until(`new URLSearchParams(location.search).get('page') === '2'`),
			until(`/^51–100 of /.test(document.querySelector('#pager .pager-info').textContent)`),
			chromedp.NavigateBack(),
			until(`!new URLSearchParams(location.search).has('page') && /^1–50 of /.test(document.querySelector('#pager .pager-info').textContent)`),
		)
	})

	t.Run("brush", func(t *testing.T) {
		held := func(p *input.DispatchMouseEventParams) { p.Buttons = 1 }
		var box []float64
		step(t, ctx, "find the timeline", 20*time.Second,
			chromedp.Navigate(srv.URL+"/"),
			until(`document.querySelector('#timeline .brush .overlay') !== null && !document.getElementById('timeline').classList.contains('loading') && document.getElementById('timeline-note').textContent !== ''`),
			chromedp.Sleep(300*time.Millisecond),
			eval(`(() => { const r = document.querySelector('#timeline .brush .overlay').getBoundingClientRect(); return [r.left, r.top, r.width, r.height] })()`, &box),
		)
		x0, x1, y := box[0]+box[2]*0.55, box[0]+box[2]*0.95, box[1]+box[3]/2
		step(t, ctx, "brush a period", 20*time.Second,
			chromedp.MouseEvent(chromedp.MousePressed, x0, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
			chromedp.MouseEvent(chromedp.MouseMoved, (x0+x1)/2, y, chromedp.ButtonLeft, held),
			chromedp.MouseEvent(chromedp.MouseMoved, x1, y, chromedp.ButtonLeft, held),
			chromedp.MouseEvent(chromedp.MouseReleased, x1, y, chromedp.ButtonLeft, chromedp.ClickCount(1)),
			until(`/^\d{4}-\d{2}-\d{2}$/.test(new URLSearchParams(location.search).get('from') || '') && /^\d{4}-\d{2}-\d{2}$/.test(new URLSearchParams(location.search).get('to') || '')`),
			until(`document.getElementById('f-from').value !== ''`),
		)
		step(t, ctx, "clear the period", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#f-clear`)),
			until(`location.search === ''`),
		)
	})

	t.Run("event", func(t *testing.T) {
		step(t, ctx, "open the first event", 20*time.Second,
			until(`document.querySelectorAll('#table tbody tr.row').length > 0`),
			chromedp.Click(chromedp.CSS(`#table tbody tr.row`)),
			until(`new URLSearchParams(location.search).has('event')`),
			until(`document.querySelectorAll('#panel .mention').length > 0`),
			until(`document.querySelector('#panel .mention .sentence mark.hl-evidence') !== null`),
			until(`[...document.querySelectorAll('#panel .mention .pattern')].some(e => e.textContent.length > 3 && e.textContent !== '—')`),
		)
		// The event of the Aleppo report has its actor, claimant, place
		// and time highlighted in the sentence.
		// The report has several events of one day, in no set order: take
		// the air strike in Aleppo whose day is read from the text.
		var evs struct {
			Items []struct {
				Cluster int64 `json:"cluster"`
				Cameo   string
				Date    struct{ Text string }
				Place   *struct{ Name string }
			}
		}
		getJSON(t, srv.URL, "/api/events?q=Aleppo+warplanes&root=19&limit=50", &evs)
		ev := evs.Items[:0]
		for _, e := range evs.Items {
			if e.Date.Text != "" && e.Place != nil && e.Place.Name == "Aleppo" {
				ev = append(ev, e)
			}
		}
		if len(ev) == 0 {
			t.Fatal("no Aleppo air strike event dated in its text in the store")
		}
		step(t, ctx, "open the Aleppo event", 20*time.Second,
			chromedp.Navigate(fmt.Sprintf("%s/?event=%d", srv.URL, ev[0].Cluster)),
			until(`document.querySelector('#panel .mention .sentence mark.hl-evidence') !== null`),
			until(`document.querySelector('#panel .mention .sentence mark.hl-source') !== null`),
			until(`document.querySelector('#panel .mention .sentence mark.hl-place') !== null`),
			until(`document.querySelector('#panel .mention .sentence mark.hl-time') !== null`),
			eval(`document.querySelector('#panel .mention .pattern').textContent`, &s),
		)
		if !strings.Contains(s, ev[0].Cameo) {
			t.Errorf("pattern %q does not name the event's code %s", s, ev[0].Cameo)
		}
		step(t, ctx, "claimant shown", 5*time.Second, eval(`document.querySelector('#panel .kvs').textContent`, &s))
		if !strings.Contains(s, "Claimant") {
			t.Errorf("event details lack the claimant: %q", s)
		}
	})

	t.Run("reader", func(t *testing.T) {
		step(t, ctx, "open the report from the event", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#panel .mention-title`)),
			until(`new URLSearchParams(location.search).has('article')`),
			until(`document.querySelector('#panel .article-text') !== null`),
			until(`document.querySelectorAll('#panel .article-text mark.hl').length > 10`),
			until(`document.querySelectorAll('#panel .record-list li').length > 5`),
		)
		for _, kind := range []string{"source", "evidence", "place", "time", "quote", "casualty"} {
			step(t, ctx, "highlight "+kind, 5*time.Second,
				eval(fmt.Sprintf(`document.querySelectorAll('#panel .article-text mark.hl-%s').length`, kind), &n))
			if n == 0 {
				t.Errorf("the reader highlights no %s", kind)
			}
		}
		step(t, ctx, "back to the event, then close", 20*time.Second,
			chromedp.Click(chromedp.CSS(`#panel-back`)),
			until(`!new URLSearchParams(location.search).has('article') && document.querySelector('#panel .mention') !== null`),
			chromedp.Click(chromedp.CSS(`#panel-close`)),
			until(`document.getElementById('panel').hidden && location.search === ''`),
		)
	})

	t.Run("code", func(t *testing.T) {
		report, err := examples.FS.ReadFile("02_kharkiv_glide_bombs.txt")
		if err != nil {
			t.Fatal(err)
		}
		step(t, ctx, "paste and code a report", 60*time.Second,
			chromedp.Click(chromedp.CSS(`#open-code`)),
			until(`document.getElementById('code-text') !== null`),
			eval(`(() => { const a = document.getElementById('code-text'); a.value = `+jsString(string(report))+`; a.dispatchEvent(new Event('input', {bubbles: true})); return true })()`, &ok),
			chromedp.Click(chromedp.CSS(`#code-run`)),
			until(`document.querySelector('.code-out .record') !== null`),
			until(`[...document.querySelectorAll('.code-out .record-list')].some(l => /^Events \(\d+\)$/.test(l.querySelector('h3').textContent))`),
			until(`document.querySelectorAll('.code-out .article-text mark.hl-evidence').length > 0`),
			eval(`document.querySelector('.code-out .record-title').textContent`, &s),
		)
		if !strings.Contains(strings.ToLower(s), "kharkiv") {
			t.Errorf("coded record's title %q, want the Kharkiv report's", s)
		}
	})

	t.Run("xss", func(t *testing.T) {
		var arts struct {
			Items []struct{ ID string }
		}
		getJSON(t, srv.URL, "/api/articles?source="+url.QueryEscape("XSS Test Wire"), &arts)
		if len(arts.Items) != 1 {
			t.Fatalf("XSS report stored %d times, want once", len(arts.Items))
		}
		step(t, ctx, "read the report with markup", 30*time.Second,
			chromedp.Navigate(srv.URL+"/?source="+url.QueryEscape("XSS Test Wire")+"&article="+url.QueryEscape(arts.Items[0].ID)),
			until(`document.querySelector('#panel .article-text') !== null`),
			until(`document.querySelectorAll('#table tbody tr.row').length > 0`),
			eval(`document.querySelector('#panel .article-text').textContent`, &s),
		)
		if !strings.Contains(s, `<script>window.__xss = "text"</script><img src=x onerror=`) {
			t.Errorf("article text not shown literally: %q", s)
		}
		step(t, ctx, "title as text", 5*time.Second, eval(`document.querySelector('#panel .record-title').textContent + '|' + document.querySelector('#table .report-link').textContent`, &s))
		if strings.Count(s, `<script>window.__xss = "title"</script>`) != 2 {
			t.Errorf("title not shown literally in the reader and the table: %q", s)
		}
		step(t, ctx, "nothing ran", 5*time.Second,
			chromedp.Sleep(300*time.Millisecond),
			eval(`typeof window.__xss === 'undefined' && document.querySelectorAll('main script, main img, #panel script, #panel img').length === 0`, &ok))
		if !ok {
			t.Error("markup from a report was run or inserted as HTML")
		}
	})

	if dir := os.Getenv("SITREP_WEB_SCREENSHOTS"); dir != "" {
		t.Run("screenshots", func(t *testing.T) { screenshots(t, ctx, srv.URL, dir) })
	}
}

// screenshots saves the dashboard as a laptop and a phone show it, when
// SITREP_WEB_SCREENSHOTS names a directory.
func screenshots(t *testing.T, ctx context.Context, base, dir string) {
	var events struct {
		Items []struct {
			Cluster   int64  `json:"cluster"`
			ArticleID string `json:"article_id"`
		}
	}
	getJSON(t, base, "/api/events?q=Aleppo+warplanes&root=19&limit=1", &events)
	if len(events.Items) == 0 {
		t.Fatal("no Aleppo event")
	}
	ev := events.Items[0]
	report, err := examples.FS.ReadFile("09_belarus_election_protests.txt")
	if err != nil {
		t.Fatal(err)
	}
	code := []chromedp.Action[chromedp.Void]{
		until(`document.getElementById('code-text') !== null`),
		chromedp.Evaluate[chromedp.Void](`(() => { const a = document.getElementById('code-text'); a.value = ` + jsString(string(report)) + `; a.dispatchEvent(new Event('input', {bubbles: true})) })()`),
		chromedp.Click(chromedp.CSS(`#code-run`)),
		until(`document.querySelector('.code-out .record') !== null`),
	}
	shots := []struct {
		name, path string
		w, h       int64
		mobile     bool
		then       []chromedp.Action[chromedp.Void]
	}{
		{"desktop", "/", 1366, 850, false, nil},
		{"desktop-filtered", "/?quad=4&from=2014-01-01&to=2019-12-31", 1366, 850, false, nil},
		{"desktop-event", fmt.Sprintf("/?root=19&event=%d", ev.Cluster), 1366, 850, false, nil},
		{"desktop-reader", "/?article=" + url.QueryEscape(ev.ArticleID), 1366, 850, false, nil},
		{"desktop-code", "/?panel=code", 1366, 850, false, code},
		// A click on Aleppo's circle filters by the place and zooms to it.
		{"place", "/?country=SYR", 1366, 850, false, []chromedp.Action[chromedp.Void]{
			chromedp.Sleep(800 * time.Millisecond),
			chromedp.Evaluate[chromedp.Void](`document.querySelector('#map .places circle[data-name="Aleppo"]').dispatchEvent(new MouseEvent('click', {bubbles: true}))`),
			until(`new URLSearchParams(location.search).get('place') === 'Aleppo' && document.querySelector('#map .place-marks g.mark') !== null`),
			until(`!document.querySelector('.loading') && [...document.querySelectorAll('#table tbody td.c-place .place > span:first-child')].every(e => e.textContent === 'Aleppo')`),
		}},
		{"desktop-merged", "/?metric=clusters&by=year", 1366, 850, false, nil},
		{"phone", "/", 390, 844, true, nil},
		{"phone-filters", "/?country=UKR", 390, 844, true, []chromedp.Action[chromedp.Void]{chromedp.Click(chromedp.CSS(`#filters-toggle`))}},
		{"phone-table", "/?country=UKR", 390, 844, true, []chromedp.Action[chromedp.Void]{chromedp.Evaluate[chromedp.Void](`document.getElementById('table-title').scrollIntoView()`)}},
		{"phone-event", fmt.Sprintf("/?event=%d", ev.Cluster), 390, 844, true, nil},
		{"phone-reader", "/?article=" + url.QueryEscape(ev.ArticleID), 390, 844, true, nil},
	}
	for _, s := range shots {
		emulate := chromedp.EmulateViewport(s.w, s.h)
		if s.mobile {
			emulate = chromedp.EmulateViewport(s.w, s.h, chromedp.EmulateScale(2), chromedp.EmulateMobile)
		}
		actions := []chromedp.Action[chromedp.Void]{
			emulate,
			chromedp.Navigate(base + s.path),
			until(`document.querySelectorAll('#table tbody tr.row').length > 0 && document.querySelectorAll('#map .countries path').length > 100`),
		}
		actions = append(actions, s.then...)
		actions = append(actions, chromedp.Sleep(1200*time.Millisecond))
		step(t, ctx, "screenshot "+s.name, 40*time.Second, actions...)
		buf := value(t, ctx, "capture "+s.name, chromedp.CaptureScreenshot())
		p := filepath.Join(dir, "sitrep-"+s.name+".png")
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", p)
	}
}

// TestDashboardLargeStore times the dashboard on a large store that the
// environment names (SITREP_WEB_BIG_DB, a SQLite file such as one made by
// `sitrep bench store --events 100000`): the first view, a filter and a
// deep page must each be ready within a few seconds.
func TestDashboardLargeStore(t *testing.T) {
	db := os.Getenv("SITREP_WEB_BIG_DB")
	if db == "" {
		t.Skip("set SITREP_WEB_BIG_DB to a large SQLite store to time the dashboard on it")
	}
	bin := chromium()
	if bin == "" {
		t.Skip("no Chromium: install Debian's chromium (/usr/bin/chromium)")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := httptest.NewServer(api.New(api.Options{Store: st, Web: web.FS()}))
	defer srv.Close()
	var stats struct{ Events int }
	getJSON(t, srv.URL, "/api/stats", &stats)
	tab := browser(t, bin)
	timed := func(name string, limit time.Duration, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		start := time.Now()
		step(t, tab, name, 60*time.Second, actions...)
		took := time.Since(start)
		t.Logf("%-28s %6d ms", name, took.Milliseconds())
		if took > limit {
			t.Errorf("%s took %v on %d events, want under %v", name, took, stats.Events, limit)
		}
	}
	ready := until(`document.querySelectorAll('#table tbody tr.row').length > 0 && document.querySelectorAll('#map .places circle').length > 0 && document.querySelectorAll('#timeline .bars rect').length > 0 && !document.querySelector('.loading')`)
	timed("first view", 8*time.Second, chromedp.Navigate(srv.URL+"/"), ready)
	if testing.Verbose() {
		var timings string
		step(t, tab, "timings", 5*time.Second, eval(`performance.getEntriesByType('resource').map(e => `+"`"+`${Math.round(e.startTime)}+${Math.round(e.duration)} ms ${e.name.replace(location.origin, '')}`+"`"+`).join('\n')`, &timings))
		t.Logf("requests (start+duration):\n%s", timings)
	}
	timed("filter QuadClass 4", 8*time.Second,
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.getElementById('f-kind'); s.value = 'quad:4'; s.dispatchEvent(new Event('change', {bubbles: true})) })()`),
		until(`new URLSearchParams(location.search).get('quad') === '4'`),
		ready)
	timed("last page", 8*time.Second,
		chromedp.Click(chromedp.CSS(`#pager button[aria-label="Last page"]`)),
		until(`new URLSearchParams(location.search).has('page')`),
		ready)
	timed("open an event", 5*time.Second,
		chromedp.Click(chromedp.CSS(`#table tbody tr.row`)),
		until(`document.querySelector('#panel .mention .sentence') !== null`))
}
