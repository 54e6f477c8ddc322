// Package fetch is a polite HTTP client for following feeds and sites: it
// obeys robots.txt (RFC 9309), keeps to a request rate per host, retries
// failures that may pass (timeouts, refused connections, 429 and 5xx) with
// exponential backoff and jitter, honouring Retry-After, bounds redirects
// and times out. Callers cap response sizes themselves (ingest does).
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cenkalti/backoff/v4"
	"github.com/temoto/robotstxt"
	"golang.org/x/sync/singleflight"
	"golang.org/x/time/rate"

	"sitrep"
)

// Options configure a client. The zero value is usable.
type Options struct {
	// UserAgent is sent with every request and matched against robots.txt
	// groups by its first word. Default sitrep.UserAgent.
	UserAgent string
	// PerHost is the most requests a second to one host (default 1), with
	// Burst requests at once (default 2).
	PerHost float64
	Burst   int
	// Retries is how many times a failed request is tried again (default
	// 3; negative for none); MaxWait caps one wait between tries (default
	// 30 s, also the cap on Retry-After).
	Retries int
	MaxWait time.Duration
	// Timeout bounds one attempt, from dialling to the end of the headers
	// (default 30 s).
	Timeout time.Duration
	// MaxRedirects bounds redirects followed (default 5).
	MaxRedirects int
	// IgnoreRobots skips robots.txt (for tests and sites of one's own).
	IgnoreRobots bool
	// Transport does the requests (default: a new http.Transport).
	Transport http.RoundTripper
	// OnAttempt, when set, is told of every attempt: host, status (0 for
	// an error) and how long it took.
	OnAttempt func(host string, status int, d time.Duration)
}

// ErrRobots is returned for URLs that robots.txt disallows.
var ErrRobots = errors.New("disallowed by robots.txt")

// New returns a client with o's manners.
func New(o Options) *http.Client {
	if o.UserAgent == "" {
		o.UserAgent = sitrep.UserAgent
	}
	if o.PerHost <= 0 {
		o.PerHost = 1
	}
	if o.Burst <= 0 {
		o.Burst = 2
	}
	if o.Retries == 0 {
		o.Retries = 3
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 30 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 5
	}
	if o.Transport == nil {
		o.Transport = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: o.Timeout, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   o.Timeout,
			ResponseHeaderTimeout: o.Timeout,
			MaxIdleConnsPerHost:   4,
			IdleConnTimeout:       90 * time.Second,
		}
	}
	p := &polite{o: o, limits: map[string]*rate.Limiter{}, robots: map[string]*robotsEntry{}}
	return &http.Client{
		Transport: p,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > o.MaxRedirects {
				return fmt.Errorf("more than %d redirects (last to %s)", o.MaxRedirects, req.URL)
			}
			return nil
		},
	}
}

type robotsEntry struct {
	group   *robotstxt.Group // nil: everything allowed
	blocked error            // robots.txt could not be read: nothing allowed
	expires time.Time
}

type polite struct {
	o      Options
	mu     sync.Mutex
	limits map[string]*rate.Limiter
	robots map[string]*robotsEntry
	group  singleflight.Group
}

func (p *polite) limiter(host string) *rate.Limiter {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.limits[host]
	if l == nil {
		l = rate.NewLimiter(rate.Limit(p.o.PerHost), p.o.Burst)
		p.limits[host] = l
	}
	return l
}

// RoundTrip checks robots.txt, waits its turn for the host, and tries the
// request until it succeeds, fails for good, or runs out of retries.
func (p *polite) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Header.Get("User-Agent") == "" {
		req = req.Clone(req.Context())
		req.Header.Set("User-Agent", p.o.UserAgent)
	}
	if !p.o.IgnoreRobots && req.URL.Path != "/robots.txt" {
		if err := p.allowed(req); err != nil {
			return nil, err
		}
	}
	return p.try(req)
}

// try does one request with retries.
func (p *polite) try(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	b := backoff.NewExponentialBackOff()
	b.InitialInterval = 500 * time.Millisecond
	b.MaxInterval = p.o.MaxWait
	b.MaxElapsedTime = 0
	b.Reset()
	for attempt := 0; ; attempt++ {
		if err := p.limiter(req.URL.Host).Wait(ctx); err != nil {
			return nil, err
		}
		t0 := time.Now()
		resp, err := p.o.Transport.RoundTrip(req)
		if p.o.OnAttempt != nil {
			status := 0
			if resp != nil {
				status = resp.StatusCode
			}
			p.o.OnAttempt(req.URL.Host, status, time.Since(t0))
		}
		wait, again := b.NextBackOff(), attempt < p.o.Retries && p.o.Retries > 0
		switch {
		case err != nil:
			if !again || !transient(err) || ctx.Err() != nil {
				return nil, err
			}
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			if !again {
				return resp, nil
			}
			if ra := retryAfter(resp.Header.Get("Retry-After")); ra > 0 {
				wait = min(ra, p.o.MaxWait)
			}
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		default:
			return resp, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(wait):
		}
	}
}

// transient reports errors worth another try: timeouts, refused or reset
// connections, responses cut short.
func transient(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	s := err.Error()
	for _, w := range []string{"connection refused", "connection reset", "EOF", "broken pipe"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 0 {
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

// allowed checks req's URL against its host's robots.txt, fetching that
// (politely) at most once an hour. Per RFC 9309 a robots.txt that is
// missing (4xx) allows everything, and one that cannot be had (5xx, no
// answer) allows nothing until it can be read.
func (p *polite) allowed(req *http.Request) error {
	host := req.URL.Scheme + "://" + req.URL.Host
	p.mu.Lock()
	e := p.robots[host]
	p.mu.Unlock()
	if e == nil || time.Now().After(e.expires) {
		// Requests to a new host at once wait for one read of robots.txt.
		v, _, _ := p.group.Do(host, func() (any, error) {
			e := p.readRobots(req.Context(), host)
			p.mu.Lock()
			p.robots[host] = e
			p.mu.Unlock()
			return e, nil
		})
		e = v.(*robotsEntry)
	}
	if e.blocked != nil {
		return fmt.Errorf("%s: %w (%v)", req.URL, ErrRobots, e.blocked)
	}
	if e.group != nil && !e.group.Test(req.URL.EscapedPath()) {
		return fmt.Errorf("%s: %w", req.URL, ErrRobots)
	}
	return nil
}

func (p *polite) readRobots(ctx context.Context, host string) *robotsEntry {
	e := &robotsEntry{expires: time.Now().Add(time.Hour)}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, host+"/robots.txt", nil)
	if err != nil {
		e.blocked = err
		return e
	}
	req.Header.Set("User-Agent", p.o.UserAgent)
	resp, err := p.try(req)
	if err != nil {
		e.blocked, e.expires = fmt.Errorf("robots.txt: %v", err), time.Now().Add(time.Minute)
		return e
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		e.blocked, e.expires = fmt.Errorf("robots.txt: status %d", resp.StatusCode), time.Now().Add(time.Minute)
		return e
	case resp.StatusCode >= 400:
		return e // no robots.txt: everything allowed
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 500<<10)) // RFC 9309: at least 500 KiB
	if err != nil {
		e.blocked, e.expires = fmt.Errorf("robots.txt: %v", err), time.Now().Add(time.Minute)
		return e
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		return e
	}
	e.group = data.FindGroup(strings.Fields(p.o.UserAgent + " x")[0])
	return e
}
