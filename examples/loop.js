// Never ends: the CPU limit stops it with exit code 3.
//
//   sandbox run examples/loop.js --cpu-time 200ms
export default function () {
  for (;;) {}
}
