package geo

import (
	"bytes"
	"testing"
)

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Read(bytes.NewReader(gazetteerGZ)); err != nil {
			b.Fatal(err)
		}
	}
}
