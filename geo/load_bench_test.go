package geo

import (
	"bytes"
	"runtime/debug"
	"testing"
)

// BenchmarkLoad reads the embedded gazetteer with the collector running.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Read(bytes.NewReader(gazetteerGZ)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAsDefault reads it as Default does at start-up, with the
// collector paused.
func BenchmarkLoadAsDefault(b *testing.B) {
	for b.Loop() {
		old := debug.SetGCPercent(-1)
		_, err := Read(bytes.NewReader(gazetteerGZ))
		debug.SetGCPercent(old)
		if err != nil {
			b.Fatal(err)
		}
	}
}
