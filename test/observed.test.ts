/**
 * The pure part of observed state: liveness with hysteresis, drift, and the heal backoff that ends in
 * Degraded, driven by probe outcomes and times as the controller would feed them.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEFAULT_OBSERVE_POLICY,
  driftOf,
  healDecision,
  healed,
  observe,
  unobserved,
  type HealRecord,
  type ProbeOutcome,
  type ProbeReport,
  type TargetObservation,
} from '../controller/core/observed.ts';

const S = 1000;
const report = (extra: Partial<ProbeReport> = {}): ProbeReport => ({
  generation: 3,
  digest: 'd3',
  locked: false,
  observed: { running: [], starting: [], notRunning: new Map(), managersDown: [] },
  ...extra,
});
const good: ProbeOutcome = { ok: true, report: report() };
const bad: ProbeOutcome = { ok: false, error: 'no connection within 15 s' };

/** Feeds probe outcomes, one every `every` ms from t=0; returns every observation. */
function run(outcomes: ProbeOutcome[], every = 30 * S): TargetObservation[] {
  let current = unobserved(0);
  return outcomes.map((outcome, i) => (current = observe(current, outcome, (i + 1) * every)));
}

describe('observed state: liveness', () => {
  it('is Reachable at the first answer, Unreachable once silent for 60 s, and says since when', () => {
    const seen = run([good, bad, bad, bad]);

    assert.deepEqual(
      seen.map((o) => [o.reachable, o.since]),
      [
        [true, 30 * S],
        [true, 30 * S], // silent for 30 s
        [false, 90 * S], // silent for 60 s
        [false, 90 * S],
      ],
    );
    assert.equal(seen[3]!.lastError, 'no connection within 15 s');
    assert.equal(seen[3]!.lastSeen, 30 * S);
  });

  it('a target that never answered is Unreachable 60 s after its first probe', () => {
    const seen = run([bad, bad, bad]);

    assert.deepEqual(
      seen.map((o) => o.reachable),
      [undefined, false, false],
    );
  });

  it('comes back Reachable only after 2 good probes in a row', () => {
    const seen = run([good, bad, bad, good, bad, good, good]);

    assert.deepEqual(
      seen.map((o) => o.reachable),
      [true, true, false, false, false, false, true],
    );
    assert.equal(seen[6]!.since, 7 * 30 * S);
    assert.equal(seen[6]!.lastError, undefined);
  });

  it('never flips on a single probe: any sequence changes reachability only as the policy says', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 40 }), (answers) => {
        const seen = run(answers.map((ok) => (ok ? good : bad)));
        for (let i = 1; i < seen.length; i++) {
          const [before, after] = [seen[i - 1]!, seen[i]!];
          if (before.reachable === false && after.reachable === true)
            assert.ok(answers[i]! && answers[i - 1]!, 'recovered after two good probes');
          if (before.reachable === true && after.reachable === false)
            assert.ok(!answers[i]! && !answers[i - 1]!);
        }
      }),
    );
  });
});

describe('observed state: drift', () => {
  it('none when every unit runs, the managers are up and the generation is the desired one', () => {
    const [observation] = run([good]);

    assert.equal(driftOf(observation!, 'd3'), undefined);
  });

  it('names the units that do not run, the managers down, and a generation that is not the desired one', () => {
    const observed = {
      running: [],
      starting: [],
      notRunning: new Map([['web@t1/process', 'stopped' as const]]),
      managersDown: ['supervisord /s/supervisord.conf'],
    };
    const [observation] = run([{ ok: true, report: report({ observed }) }]);

    assert.deepEqual(driftOf(observation!, 'd4'), {
      notRunning: { 'web@t1/process': 'stopped' },
      managersDown: ['supervisord /s/supervisord.conf'],
      otherGeneration: true,
    });
  });

  it('none while a run holds the lock: the target is being changed', () => {
    const observed = {
      running: [],
      starting: [],
      notRunning: new Map([['web@t1/process', 'stopped' as const]]),
      managersDown: [],
    };
    const [observation] = run([{ ok: true, report: report({ observed, locked: true }) }]);

    assert.equal(driftOf(observation!, 'd4'), undefined);
  });

  it('none for an unreachable target: what it runs is not known', () => {
    const seen = run([good, bad, bad]);

    assert.equal(driftOf(seen[2]!, 'd4'), undefined);
  });
});

describe('observed state: healing', () => {
  it('backs off 10 s, 30 s, 1 min, 2 min between heals, and gives up (Degraded) after 5 in 10 min', () => {
    let record: HealRecord | undefined;
    let now = 0;
    const waits: number[] = [];
    for (;;) {
      const decision = healDecision(record, now);
      if (!decision.heal && decision.reason === 'degraded') break;
      if (!decision.heal) {
        waits.push(decision.until - now);
        now = decision.until;
        continue;
      }
      record = healed(record, now);
      now += S; // it crashes again a second later
    }

    assert.equal(record!.heals.length, 5);
    assert.equal(record!.degraded, true);
    assert.deepEqual(waits, [9 * S, 29 * S, 59 * S, 119 * S]);
  });

  it('a unit that ran well for longer than the window starts afresh', () => {
    let record: HealRecord | undefined;
    for (const at of [0, 20 * S, 60 * S, 130 * S]) record = healed(record, at);

    const later = 130 * S + DEFAULT_OBSERVE_POLICY.degradedWindowMs;

    assert.deepEqual(healDecision(record, later), { heal: true });
    assert.deepEqual(healed(record, later), { heals: [later], degraded: false });
  });
});
