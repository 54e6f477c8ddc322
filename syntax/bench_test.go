package syntax

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"sitrep/conllu"
)

// benchSentences are the sentences of GUM's dev set (news, interviews,
// travel and more), or a few written here when the treebanks are absent.
func benchSentences(b *testing.B) [][]string {
	path := filepath.Join("..", "..", "shared", "data", "ud", "en_gum-ccby-ud-dev.conllu.gz")
	if _, err := os.Stat(path); err == nil {
		sents, err := conllu.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		out := make([][]string, len(sents))
		for i, s := range sents {
			for _, w := range s.Words {
				out[i] = append(out[i], w.Form)
			}
		}
		return out
	}
	b.Log("GUM dev absent: timing sentences written here")
	return [][]string{
		{"Russian", "and", "Syrian", "warplanes", "pounded", "the", "besieged", "districts", "on", "Sunday", ",", "killing", "at", "least", "14", "civilians", ",", "rescue", "workers", "said", "."},
		{"The", "United", "States", "suspended", "talks", "with", "Moscow", "."},
	}
}

// benchSetup loads the model and the sentences, and counts their words.
func benchSetup(b *testing.B) (*Model, [][]string, int) {
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	sents := benchSentences(b)
	words := 0
	for _, s := range sents {
		words += len(s)
	}
	return m, sents, words
}

// BenchmarkAnalyze times tagging and parsing together and reports tokens/s.
func BenchmarkAnalyze(b *testing.B) {
	m, sents, words := benchSetup(b)
	var a Analysis
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			m.Analyze(s, &a)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkAnalyzeParallel is BenchmarkAnalyze on every core.
func BenchmarkAnalyzeParallel(b *testing.B) {
	m, sents, words := benchSetup(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var a Analysis
		for pb.Next() {
			for _, s := range sents {
				m.Analyze(s, &a)
			}
		}
	})
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkLoad times reading the embedded model and reports its size in
// memory.
func BenchmarkLoad(b *testing.B) {
	var m *Model
	for i := 0; i < b.N; i++ {
		var err error
		if m, err = readEmbedded(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	m = nil
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m, _ = readEmbedded()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(m)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "model-MB")
}
