/**
 * The signals on which the hub shuts down gracefully: every signal Nest's shutdown hooks know, except the one
 * an operator gave Node's `--heapsnapshot-signal` (https://nodejs.org/api/cli.html#--heapsnapshot-signalsignal),
 * on the command line or in NODE_OPTIONS. Nest listens to SIGUSR2 too, so the usual `--heapsnapshot-signal=SIGUSR2`
 * took a heap snapshot AND stopped the hub (seen while measuring its memory at 2 000 stores, issue 10).
 */
import { ShutdownSignal } from '@nestjs/common';

export function shutdownSignals(execArgv: readonly string[], nodeOptions: string | undefined): string[] {
  const snapshotSignal = heapSnapshotSignal([...execArgv, ...(nodeOptions ?? '').split(/\s+/).filter(Boolean)]);
  return Object.values(ShutdownSignal).filter((signal) => signal !== snapshotSignal);
}

function heapSnapshotSignal(args: readonly string[]): string | undefined {
  let signal: string | undefined;
  args.forEach((arg, i) => {
    const m = /^--heapsnapshot[-_]signal(?:=(.*))?$/.exec(arg);
    if (m) signal = (m[1] ?? args[i + 1] ?? '').trim().toUpperCase();
  });
  return signal || undefined;
}
