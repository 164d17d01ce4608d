// The V8 flags and the environment the API server runs with (`npm start`, api/package.json) and the benchmarks
// give every server they start, baselines included.
//
// --max-semi-space-size=64: V8's young generation defaults to 16 MB semi-spaces. A busy API allocates
// 150–200 MB a second of short-lived request garbage (Koa contexts, headers, answers), so the default
// scavenges every ~70 ms; each one copies the ~2 MB that fifty requests in flight hold at that moment, and what
// survives twice is promoted, to be swept later by full collections of a few hundred MB. With 64 MB
// semi-spaces the scavenges come 3–4 times less often and most of that garbage dies young: in the nearby
// search at 50 connections, 865 ms of scavenging in 8 s fell to 194 ms, the old generation stopped growing,
// and p99 went from 52 to 22 ms (docs/performance.md). It costs at most 3 × 64 MB of address space.
//
// --heap-growing-percent=300: after each full collection V8 lets the old generation grow to 4 × what survived
// before the next (its largest dynamic factor) instead of the factor it picks from allocation speed. Node 20's
// V8 counts the bytes of Buffers allocated since the last full collection against that limit, and V8 judges
// allocation speed by JavaScript objects alone. Report intake allocates ~10 MB of Buffers per 12-MP upload (the
// socket's chunks and the assembled file) and few objects, so V8 settled on a factor near 1.1: with ~50 MB
// surviving, every 5 MB of uploads set off a full collection of the whole heap, 77 in 128 reports, ~40 ms each.
// With this flag: 5 in 128, and intake rose from 55–60 % to 65–71 % of the raw sharp pipeline in later rounds
// (docs/performance.md). It costs heap headroom: up to 4 × the surviving heap (~200 MB here) before a collection.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64', '--heap-growing-percent=300'];

// UV_THREADPOOL_SIZE=8 (libuv's default is 4): sharp runs each pipeline from one of libuv's threads and holds it
// until the photo is done (~200 ms for 12 MP), so with two photos in flight two of the four threads are taken, and
// every SQLite statement and file operation of every request queues for the other two. With eight, a report's
// BEGIN waited 1.2 ms instead of 2.0 (median, two reports in flight) and its transaction took 5.1 ms instead of
// 6.1 (docs/performance.md). The variable must be set before Node starts (libuv reads it once); an operator's own
// value wins.
//
// MALLOC_MMAP_THRESHOLD_=33554432 and MALLOC_TRIM_THRESHOLD_=134217728 (glibc's allocator): by default glibc maps
// every block over its threshold (128 KB, raised as such blocks are freed) afresh and gives freed memory at the top
// of each thread's heap back to the kernel, so a photo's buffers (a 4.6 MB upload, libvips' strips and output) were
// mapped and faulted in anew for nearly every photo: ~1,000 page faults per 12-MP photo in libvips' threads and
// ~400 in the main thread, 5–7 ms of kernel time. With blocks up to 32 MB taken from the heap and up to 128 MB of
// freed memory kept, the faults all but go (under 50 a photo): ~230 → ~225 ms of CPU per report, and the process
// keeps ~50 MB more resident at its peak (docs/performance.md). The two go together: either alone was no better or
// worse (a fixed trim threshold also fixes the mmap threshold at 128 KB). The bench process, which runs the raw
// sharp pipeline, runs with the same two (api/package.json), so both sides of that comparison share the allocator.
export const SERVER_ENV: Record<string, string> = { UV_THREADPOOL_SIZE: '8', MALLOC_MMAP_THRESHOLD_: '33554432', MALLOC_TRIM_THRESHOLD_: '134217728' };
