// autocannon ships no types; this is the part the benchmarks use.
declare module 'autocannon' {
  interface Options { url: string; connections?: number; duration?: number; requests?: object[]; headers?: Record<string, string> }
  interface Histogram { average: number; p50: number; p99: number }
  interface Result { requests: Histogram; latency: Histogram; errors: number; non2xx: number }
  function autocannon(options: Options): Promise<Result>;
  export = autocannon;
}
