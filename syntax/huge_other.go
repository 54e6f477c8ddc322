//go:build !linux

package syntax

// hugeSlice returns a zeroed slice of n Ts (see huge_linux.go).
func hugeSlice[T any](n int) []T { return make([]T, n) }
