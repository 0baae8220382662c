/**
 * The running engine: `python -m torch.distributed.run ... -m seqlab_torch JOB` in a process
 * group of its own (so the terminal's Ctrl-C reaches seqlab, which stops training cleanly,
 * and not the workers), and the control channel its global rank 0 connects to.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pythonPackageDir, torchrunArgs, type Topology } from './python.js';

/** One event from rank 0 (see python/seqlab_torch/__main__.py). */
export type TorchEvent = { readonly ev: string } & Readonly<Record<string, unknown>>;

/** The engine's processes ended or failed; `lines` are the last lines they printed. */
export class TorchWorkerError extends Error {
  constructor(
    message: string,
    readonly lines: readonly string[],
  ) {
    super(message);
  }
}

/** Lines the error message quotes from the workers' output. */
const TAIL = 15;

interface Waiter {
  resolve(e: TorchEvent): void;
  reject(e: Error): void;
}

/** What starting the engine needs. */
export interface StartOptions {
  readonly python: string;
  readonly jobDir: string;
  readonly topology: Topology;
  /** Extra environment for the workers (e.g. SEQLAB_TORCH_THREADS). */
  readonly env?: Readonly<Record<string, string>>;
}

/** The engine's processes and, on node 0, the channel to rank 0. */
export class TorchRun {
  private readonly events: TorchEvent[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly tail: string[] = [];
  /** The workers' own lines (torchrun tees them as `[defaultN]:...`): their traceback. */
  private readonly workerTail: string[] = [];
  private socket: Socket | null = null;
  private failure: TorchWorkerError | null = null;
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    private readonly server: Server | null,
    private readonly log: WriteStream,
  ) {
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', (l) => this.record(l));
    }
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.server?.close();
        this.fail(
          code === 0
            ? 'the torch engine exited before seqlab asked it to'
            : `the torch engine's processes failed (${signal ?? `exit ${code}`})`,
        );
        resolve(code);
      });
      child.on('error', (e) => this.fail(`could not start ${e.message}`));
    });
  }

  /** Start the processes; on node 0, wait until rank 0 is ready. */
  static async start(o: StartOptions): Promise<{ run: TorchRun; ready: TorchEvent | null }> {
    const controlled = o.topology.nodeRank === 0;
    const server = controlled ? createServer() : null;
    if (server) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = server ? (server.address() as AddressInfo).port : 0;
    const env = {
      ...process.env,
      ...o.env,
      PYTHONPATH: [pythonPackageDir(), process.env['PYTHONPATH']].filter(Boolean).join(':'),
      PYTHONUNBUFFERED: '1',
      SEQLAB_PARENT_PID: String(process.pid),
      ...(controlled ? { SEQLAB_CONTROL: `127.0.0.1:${port}` } : {}),
    };
    const child = spawn(o.python, torchrunArgs(o.topology, o.jobDir), {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = new TorchRun(child, server, createWriteStream(join(o.jobDir, 'engine.log')));
    // The group is detached (Ctrl-C must not reach it), so it would outlive seqlab: kill it
    // when seqlab exits by any path (the workers also watch seqlab's pid, for SIGKILL).
    const killOnExit = (): void => run.kill();
    process.on('exit', killOnExit);
    void run.exited.then(() => process.off('exit', killOnExit));
    if (!server) return { run, ready: null };
    server.on('connection', (s) => run.attach(s));
    return { run, ready: await run.expect('ready') };
  }

  private attach(socket: Socket): void {
    if (this.socket) return void socket.destroy();
    this.socket = socket;
    createInterface({ input: socket }).on('line', (line) => this.push(JSON.parse(line)));
    socket.on('error', () => undefined);
  }

  private record(line: string): void {
    this.log.write(line + '\n');
    const tail = /^\[default\d+\]:/.test(line) ? this.workerTail : this.tail;
    tail.push(line);
    if (tail.length > TAIL) tail.shift();
  }

  private push(e: TorchEvent): void {
    const w = this.waiters.shift();
    if (w) w.resolve(e);
    else this.events.push(e);
  }

  private fail(message: string): void {
    // A worker's traceback says what went wrong; torchrun's own summary after it does not.
    const lines = this.workerTail.length > 0 ? this.workerTail : this.tail;
    this.failure ??= new TorchWorkerError(message, [...lines]);
    for (const w of this.waiters.splice(0)) w.reject(this.failure);
  }

  /** The next event from rank 0. */
  next(): Promise<TorchEvent> {
    const e = this.events.shift();
    if (e) return Promise.resolve(e);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The next event, which must be `kind`. */
  async expect(kind: string): Promise<TorchEvent> {
    const e = await this.next();
    if (e.ev !== kind) throw new Error(`torch engine: expected ${kind}, got ${e.ev}`);
    return e;
  }

  /** Send one command to rank 0. */
  send(command: Readonly<Record<string, unknown>>): void {
    this.socket?.write(JSON.stringify(command) + '\n');
  }

  /** Wait for the processes to end (a node other than 0 waits here the whole run). */
  wait(): Promise<number | null> {
    return this.exited;
  }

  /** Ask the processes to finish, then wait; kill them if they do not within `graceMs`. */
  async close(graceMs = 30_000): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.send({ cmd: 'quit' });
      this.socket?.end();
      const timer = setTimeout(() => this.kill(), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    this.server?.close();
    this.log.end();
  }

  /** Kill the whole process group at once. */
  kill(): void {
    if (this.child.pid === undefined || this.child.exitCode !== null) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
