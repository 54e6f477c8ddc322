package watch

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the watcher's Prometheus metrics.
type Metrics struct {
	Fetched, Coded, Stored, Unchanged, NotModified prometheus.Counter
	Failed                                         *prometheus.CounterVec // by stage: feed, item, code, store
	Queue                                          prometheus.Gauge
	FetchSeconds, CodeSeconds, StoreSeconds        prometheus.Histogram
	Attempts                                       *prometheus.CounterVec // HTTP attempts by status class
}

// NewMetrics makes the metrics and registers them with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	counter := func(name, help string) prometheus.Counter {
		return prometheus.NewCounter(prometheus.CounterOpts{Namespace: "sitrep", Subsystem: "watch", Name: name, Help: help})
	}
	hist := func(name, help string, buckets []float64) prometheus.Histogram {
		return prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: "sitrep", Subsystem: "watch", Name: name, Help: help, Buckets: buckets})
	}
	m := &Metrics{
		Fetched:     counter("articles_fetched_total", "Articles read from feeds and pages."),
		Coded:       counter("articles_coded_total", "Articles coded."),
		Stored:      counter("articles_stored_total", "Articles stored (new)."),
		Unchanged:   counter("articles_unchanged_total", "Articles already stored (same id, URL or text hash)."),
		NotModified: counter("feeds_not_modified_total", "Feed polls answered 304 Not Modified."),
		Failed: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "sitrep", Subsystem: "watch", Name: "failures_total",
			Help: "Failures by stage: feed (fetching a feed), item (reading an item or its page), code, store."}, []string{"stage"}),
		Queue: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: "sitrep", Subsystem: "watch", Name: "queue_depth",
			Help: "Feeds waiting to be polled in this round."}),
		FetchSeconds: hist("feed_fetch_seconds", "Time to fetch one feed.", prometheus.ExponentialBuckets(0.01, 2.5, 10)),
		CodeSeconds:  hist("code_seconds", "Time to code one article.", prometheus.ExponentialBuckets(0.001, 2.5, 10)),
		StoreSeconds: hist("store_seconds", "Time to store one feed's new articles.", prometheus.ExponentialBuckets(0.001, 2.5, 10)),
		Attempts: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "sitrep", Subsystem: "watch", Name: "http_attempts_total",
			Help: "HTTP attempts by status class (2xx, 3xx, 4xx, 5xx, error)."}, []string{"class"}),
	}
	reg.MustRegister(m.Fetched, m.Coded, m.Stored, m.Unchanged, m.NotModified, m.Failed, m.Queue,
		m.FetchSeconds, m.CodeSeconds, m.StoreSeconds, m.Attempts)
	for _, s := range []string{"feed", "item", "code", "store"} {
		m.Failed.WithLabelValues(s)
	}
	return m
}

// Attempt counts one HTTP attempt; pass it as fetch.Options.OnAttempt.
func (m *Metrics) Attempt(host string, status int, _ time.Duration) {
	class := "error"
	if status > 0 {
		class = string(rune('0'+status/100)) + "xx"
	}
	m.Attempts.WithLabelValues(class).Inc()
}
