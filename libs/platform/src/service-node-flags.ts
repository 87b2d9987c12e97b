/**
 * The V8 flags every service process starts with, wherever it runs: the container image
 * (deploy/docker/Dockerfile), `npm start` (deploy/local/run.sh), and the harnesses that start built
 * services (libs/testing, deploy/faults, the benches). The shell copies are checked against this list
 * by deploy/test/service-node-flags.spec.ts.
 *
 * `--max-semi-space-size=8` (MiB; Node's default is 16): the young generation of a service idles at
 * about half the size (import-service: 141 → 129 MiB RSS at rest) and a 100,000-row roster import is
 * as fast (`npm run bench`, same run). It can only be given on the command line, as the heap is sized
 * when the process starts; HEAP_GROWING_PERCENT (service-config.ts) is the part set at run time.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
