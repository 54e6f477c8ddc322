package syntax

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkScore times looking up and adding feature rows in tables of
// several sizes, to tell the cost of the arithmetic from that of memory.
func BenchmarkScore(b *testing.B) {
	for _, rows := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprint(rows), func(b *testing.B) {
			rng := rand.New(rand.NewPCG(1, 2))
			m := &weights{nclass: 101}
			keys := make([]uint64, rows)
			for i := range keys {
				keys[i] = rng.Uint64()
				m.add(keys[i], []entry{{class: uint8(rng.IntN(101)), w: 1}, {class: uint8(rng.IntN(101)), w: 2}, {class: uint8(rng.IntN(101)), w: 3}})
			}
			m.build()
			feats := make([]uint64, 80*1024)
			for i := range feats {
				if i%2 == 0 {
					feats[i] = keys[rng.IntN(rows)]
				} else {
					feats[i] = rng.Uint64() // absent
				}
			}
			scores := make([]float32, 101)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				k := (i % 1024) * 80
				m.score(feats[k:k+80], scores)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*80), "ns/feature")
		})
	}
}
