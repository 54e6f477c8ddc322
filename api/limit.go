package api

import (
	"net"
	"net/http"
	"sync"

	"golang.org/x/time/rate"
)

// limiters keeps a token bucket per client.
type limiters struct {
	mu    sync.Mutex
	r     rate.Limit
	burst int
	m     map[string]*rate.Limiter
}

// maxClients bounds the limiters kept; past it they start afresh, which
// costs a client at most one more burst.
const maxClients = 10000

func newLimiters(perSecond float64, burst int) *limiters {
	return &limiters{r: rate.Limit(perSecond), burst: burst, m: map[string]*rate.Limiter{}}
}

// allow reports whether client may make one more request now.
func (l *limiters) allow(client string) bool {
	l.mu.Lock()
	lim := l.m[client]
	if lim == nil {
		if len(l.m) >= maxClients {
			clear(l.m)
		}
		lim = rate.NewLimiter(l.r, l.burst)
		l.m[client] = lim
	}
	l.mu.Unlock()
	return lim.Allow()
}

// clientOf is the client's IP address (the connection's peer; forwarded
// headers are not trusted).
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
