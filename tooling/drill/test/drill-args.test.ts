import { DEFAULTS, parseDrillArgs, reproduceCommand, SHORT } from '../src/drill-args';

const seed = () => 42;

describe('parseDrillArgs', () => {
  it('has the defaults and a random seed', () => {
    expect(parseDrillArgs([], seed)).toEqual({ ...DEFAULTS, seed: 42, help: false });
  });
  it('reads every flag, spaced or with =', () => {
    const a = parseDrillArgs(
      ['--duration', '180', '--kill-every=20', '--fault-every', '0', '--seed', '7', '--stores=10', '--clients', '8'],
      seed,
    );
    expect(a).toEqual({ durationS: 180, killEveryS: 20, faultEveryS: 0, seed: 7, stores: 10, clients: 8, help: false });
    expect(reproduceCommand(a)).toBe('pnpm drill --duration 180 --kill-every 20 --fault-every 0 --seed 7 --stores 10 --clients 8');
  });
  it('--short is the CI preset, and flags given with it still win (in any order)', () => {
    expect(parseDrillArgs(['--short'], seed)).toEqual({ ...SHORT, seed: 42, help: false });
    expect(parseDrillArgs(['--duration', '40', '--short'], seed)).toMatchObject({ durationS: 40, killEveryS: SHORT.killEveryS });
    expect(SHORT.durationS).toBeGreaterThanOrEqual(30);
    expect(SHORT.durationS).toBeLessThanOrEqual(45);
  });
  it('the printed command reproduces the same arguments', () => {
    const a = parseDrillArgs(['--short', '--seed', '99'], seed);
    const again = parseDrillArgs(reproduceCommand(a).split(' ').slice(2), () => 0);
    expect(again).toEqual(a);
  });
  it.each([
    [['--duration', '4']],
    [['--duration', '3601']],
    [['--duration', '1.5']],
    [['--duration']],
    [['--kill-every', '-1']],
    [['--seed', 'x']],
    [['--stores', '0']],
    [['--stores', '51']],
    [['--clients', '0']],
    [['--clients', '33']],
    [['--short=1']],
    [['--fast']],
  ])('refuses %j naming the flag', (argv) => {
    expect(() => parseDrillArgs(argv, seed)).toThrow(argv[0].split('=')[0]);
  });
  it('asks for help', () => {
    expect(parseDrillArgs(['-h'], seed).help).toBe(true);
  });
});
