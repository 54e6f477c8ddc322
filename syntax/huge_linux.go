package syntax

import (
	"syscall"
	"unsafe"
)

// hugeSlice returns a zeroed slice of n Ts for a table that is read at
// random and never freed. On Linux, a table of 2 MB or more is mapped apart
// from the Go heap and the kernel is asked to back it with 2 MB pages: the
// lookups into the model's tables miss the caches nearly every time, and
// with 4 KB pages each miss also missed the processor's page table cache.
// The memory must hold no pointers.
func hugeSlice[T any](n int) []T {
	var zero T
	size := n * int(unsafe.Sizeof(zero))
	const huge = 1 << 21
	if size < huge {
		return make([]T, n)
	}
	total := (size + huge - 1) &^ (huge - 1)
	mem, err := syscall.Mmap(-1, 0, total+huge, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]T, n)
	}
	off := (huge - int(uintptr(unsafe.Pointer(&mem[0]))%huge)) % huge
	mem = mem[off : off+total]
	_ = syscall.Madvise(mem, syscall.MADV_HUGEPAGE) // a hint; without it the table works all the same
	return unsafe.Slice((*T)(unsafe.Pointer(&mem[0])), n)
}
