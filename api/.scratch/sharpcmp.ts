import { cameraLikePhoto, rawSharp, timed } from '../bench/events';
import { processPhoto } from '../src/domains/photos/processor';
async function main() {
  const photo = await cameraLikePhoto();
  await rawSharp(photo); await processPhoto(photo);
  for (let r = 0; r < 3; r++) {
    let c = process.cpuUsage(); const a = await timed(24, 2, async () => rawSharp(photo)); const ca = process.cpuUsage(c);
    c = process.cpuUsage(); const b = await timed(24, 2, async () => { await processPhoto(photo); }); const cb = process.cpuUsage(c);
    console.log(`raw ${a.toFixed(2)}/s cpu/photo ${((ca.user + ca.system) / 24000).toFixed(0)} ms; processPhoto ${b.toFixed(2)}/s cpu/photo ${((cb.user + cb.system) / 24000).toFixed(0)} ms; ratio ${(b / a * 100).toFixed(0)} %`);
  }
}
main();
