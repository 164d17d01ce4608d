// The V8 flags the API server runs with (`npm start`, api/package.json) and the benchmarks give every server
// they start, baselines included.
//
// --max-semi-space-size=64: V8's young generation defaults to 16 MB semi-spaces. A busy API allocates
// 150–200 MB a second of short-lived request garbage (Koa contexts, headers, answers), so the default
// scavenges every ~70 ms; each one copies the ~2 MB that fifty requests in flight hold at that moment, and what
// survives twice is promoted, to be swept later by full collections of a few hundred MB. With 64 MB
// semi-spaces the scavenges come 3–4 times less often and most of that garbage dies young: in the nearby
// search at 50 connections, 865 ms of scavenging in 8 s fell to 194 ms, the old generation stopped growing,
// and p99 went from 52 to 22 ms (docs/performance.md). It costs at most 3 × 64 MB of address space.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
