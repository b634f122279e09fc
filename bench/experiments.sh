#!/usr/bin/env bash
# The seed-claim experiments of docs/experiments.md, at reduced scale: Fashion-MNIST 784-128-10 LIF MLPs (rate coding,
# T = 15, 10 000 training / 2 000 test images, 4 epochs), the row-by-row recurrent task (--arch rnn --hidden 64, 3
# epochs), and a surrogate x learning-rate sweep. One training at a time, each with --threads 2, under nice -n 10; the
# sweep runs its own 2 cells at once.
#
#   bench/experiments.sh [--quick|--medium|--full] [--seeds N] [--only LIST] [--work DIR] [--engine local|spark [--master URL]]
#
#   --quick      a smoke run of the same commands (1 000 / 500 images, 2 epochs, one seed, a 2 x 2 sweep), minutes
#   --medium     all 60 000 / 10 000 images at the same network sizes and epochs, compile checks on all 10 000 test
#                images, the sweep on 10 000 / 2 000 images: about an hour and a half on this 2-core machine when it is
#                otherwise idle (the largest scale that fits a few hours here)
#   --full       the full-scale version: all 60 000 / 10 000 images, 784-400-10 at T = 25 for 15 epochs (RNN: 128
#                hidden, 10 epochs), 3 seeds, and the seed paper's sweep grid (8 shapes x 7 learning rates x 2
#                dampenings x 3 sharpnesses, 10 epochs); days of CPU on this 2-core machine, not run here
#   --seeds N    seeds per arm: 1 .. N for the trainings, 42 .. 41+N for the sweeps (default: 5; --quick 1, --full 5)
#   --only LIST  comma-separated subset of: sweep,init,rnn,sparsity,adapt,hybrid (default: all, in that order)
#   --work DIR   where models and run directories go (default: /tmp/spikeforge-experiments-DATE[-quick]); a run whose
#                result file is already there is not trained again, so a killed run continues where it stopped
#   --engine E   where the sweeps' cells run: local (default: 2 at a time in this process) or spark, with
#   --master URL the Spark master (e.g. spark://HOST:7077; default local[*]); see docs/cluster.md. The single
#                trainings and compilations of the other claims run here, one after another, either way
#
# Every result is the final JSON line of its command, with "claim", "arm", "seed" and "label" put in front and, for a
# training, "epoch_test_accuracy", "epoch_firing_rate", "spikes_per_sample" (hidden spikes, last epoch) and "chi"
# (per epoch and layer) taken from its metrics.json; appended to bench/results/experiments-DATE[-quick].jsonl.
# At the end, `spikeforge bench stats` writes each arm's mean ± 95 % interval and each comparison's paired difference
# (by seed, t-test) to the same name with .stats.md. Needs jq. SPIKEFORGE=/path/to/launcher overrides bin/spikeforge (e.g. a copy of the jar that other builds won't touch).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SF="${SPIKEFORGE:-$ROOT/bin/spikeforge}"
QUICK=0
MEDIUM=0
FULL=0
ONLY="sweep,init,rnn,sparsity,adapt,hybrid"
WORK=""
ENGINE=local
MASTER=""
NSEEDS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --medium) MEDIUM=1 ;;
    --full) FULL=1 ;;
    --seeds) NSEEDS="$2"; shift ;;
    --only) ONLY="$2"; shift ;;
    --work) WORK="$2"; shift ;;
    --engine) ENGINE="$2"; shift ;;
    --master) MASTER="$2"; shift ;;
    *) echo "experiments.sh: unknown argument '$1' (use --quick, --medium, --full, --seeds N, --only LIST, --work DIR, --engine local|spark, --master URL)" >&2; exit 2 ;;
  esac
  shift
done
case "$ENGINE" in
  local) [ -z "$MASTER" ] || { echo "experiments.sh: --master goes with --engine spark" >&2; exit 2; }
         SWEEP_ENGINE=(--jobs 2) ;;
  spark) SWEEP_ENGINE=(--engine spark); [ -z "$MASTER" ] || SWEEP_ENGINE+=(--master "$MASTER") ;;
  *) echo "experiments.sh: --engine must be local or spark, got '$ENGINE'" >&2; exit 2 ;;
esac
command -v jq >/dev/null || { echo "experiments.sh: needs jq (Debian: apt-get install jq)" >&2; exit 2; }

DATE="$(date +%Y-%m-%d)"
[ $((QUICK + MEDIUM + FULL)) -le 1 ] || { echo "experiments.sh: one of --quick, --medium, --full" >&2; exit 2; }
SUFFIX=""; [ "$QUICK" = 1 ] && SUFFIX="-quick"; [ "$MEDIUM" = 1 ] && SUFFIX="-medium"; [ "$FULL" = 1 ] && SUFFIX="-full"
OUT="$ROOT/bench/results/experiments-$DATE$SUFFIX.jsonl"
WORK="${WORK:-/tmp/spikeforge-experiments-$DATE$SUFFIX}"
mkdir -p "$ROOT/bench/results" "$WORK"

if [ "$QUICK" = 1 ]; then
  SCALE=(--limit 1000 --test-limit 500)
  MLP_EPOCHS=2; RNN_EPOCHS=1; SEEDS=(1)  # hybrid needs 2 epochs: one quantized, one spiking
  SWEEP=(--surrogates fast-sigmoid,rectangular --lr 1e-3,1e-2 --epochs 1 --limit 1000 --test-limit 300)
  VALIDATE=500; SWEEP_SEEDS=(42)
elif [ "$MEDIUM" = 1 ]; then
  SCALE=()
  MLP_EPOCHS=4; RNN_EPOCHS=3; SEEDS=(1 2 3 4 5)
  SWEEP=(--surrogates fast-sigmoid,triangular,exponential,gaussian,rectangular --lr 1e-4,1e-3,1e-2,3e-2,1e-1
         --epochs 2 --limit 10000 --test-limit 2000)
  VALIDATE=10000; SWEEP_SEEDS=(42 43 44 45 46)
elif [ "$FULL" = 1 ]; then
  SCALE=()
  MLP_EPOCHS=15; RNN_EPOCHS=10; SEEDS=(1 2 3 4 5)
  SWEEP=(--surrogates fast-sigmoid,triangular,exponential,sigmoid,gaussian,rectangular,cauchy,q-pseudospike
         --lr 1e-5,3.16e-5,1e-4,3.16e-4,1e-3,3.16e-3,1e-2 --dampening 0.5,1 --sharpness 0.5,1,1.5 --epochs 10)
  VALIDATE=10000; SWEEP_SEEDS=(42 43 44 45 46)
else
  SCALE=(--limit 10000 --test-limit 2000)
  MLP_EPOCHS=4; RNN_EPOCHS=3; SEEDS=(1 2 3 4 5)
  SWEEP=(--surrogates fast-sigmoid,triangular,exponential,gaussian,rectangular --lr 1e-4,1e-3,1e-2,3e-2,1e-1
         --epochs 2 --limit 5000 --test-limit 1000)
  VALIDATE=2000; SWEEP_SEEDS=(42 43 44 45 46)
fi
if [ -n "$NSEEDS" ]; then
  [[ "$NSEEDS" =~ ^[1-9][0-9]*$ ]] || { echo "experiments.sh: --seeds must be a positive integer, got '$NSEEDS'" >&2; exit 2; }
  SEEDS=($(seq 1 "$NSEEDS")); SWEEP_SEEDS=($(seq 42 $((41 + NSEEDS))))
fi
HIDDEN=128; STEPS=15; RNN_HIDDEN=64
[ "$FULL" = 1 ] && { HIDDEN=400; STEPS=25; RNN_HIDDEN=128; }
MLP=(--hidden "$HIDDEN" --steps "$STEPS" --epochs "$MLP_EPOCHS" --threads 2 ${SCALE[@]+"${SCALE[@]}"})
RNN=(--arch rnn --hidden "$RNN_HIDDEN" --epochs "$RNN_EPOCHS" --threads 2 ${SCALE[@]+"${SCALE[@]}"})

wanted() { [[ ",$ONLY," == *",$1,"* ]]; }
log() { echo "[$(date +%H:%M:%S) load $(cut -d' ' -f1 /proc/loadavg)] $*" >&2; }

# record CLAIM ARM SEED NAME FILE: prefix the labels, add the per-epoch metrics of a training, append to OUT.
record() {
  local claim="$1" arm="$2" seed="$3" name="$4" json="$5" metrics="$WORK/$4.run/metrics.json"
  if [ -f "$metrics" ]; then
    jq -c --arg c "$claim" --arg a "$arm" --arg s "$seed" --arg l "$name" --slurpfile m "$metrics" \
      '{claim: $c, arm: $a, seed: ($s | tonumber? // $s), label: $l} + . + {
         epoch_test_accuracy: [$m[0].epochs[].test_accuracy],
         epoch_firing_rate: [$m[0].epochs[].firing_rate],
         spikes_per_sample: $m[0].epochs[-1].spikes_per_sample,
         chi: [$m[0].epochs[] | with_entries(select(.key | startswith("chi_")))]}' "$json"
  else
    jq -c --arg c "$claim" --arg a "$arm" --arg s "$seed" --arg l "$name" \
      '{claim: $c, arm: $a, seed: ($s | tonumber? // $s), label: $l} + .' "$json"
  fi | tee -a "$OUT"
}

# train CLAIM ARM SEED NAME ARGS...: one training (skipped when its result is already in WORK).
train() {
  local claim="$1" arm="$2" seed="$3" name="$4"; shift 4
  local res="$WORK/$name.json"
  if [ -s "$res" ]; then log "$name: done before, kept"; return; fi
  log "$name: spikeforge train $* --seed $seed"
  rm -rf "$WORK/$name.run"
  nice -n 10 "$SF" train "$@" --seed "$seed" --out "$WORK/$name.sft" --run-dir "$WORK/$name.run" --json \
    2>"$WORK/$name.err" | tail -n 1 > "$res.tmp" || { tail -n 5 "$WORK/$name.err" >&2; exit 1; }
  mv "$res.tmp" "$res"
  record "$claim" "$arm" "$seed" "$name" "$res"
}

# compile_bits BITS CLAIM ARM SEED NAME: loihi1 compile of a trained model at BITS weight bits, validated on the test
# images.
compile_bits() {
  local bits="$1" claim="$2" arm="$3" seed="$4" name="$5" res="$WORK/$5.compile$1.json"
  if [ -s "$res" ]; then log "$name: compiled at $bits bits before, kept"; return; fi
  log "$name: spikeforge compile --target loihi1 --weight-bits $bits --validate $VALIDATE"
  nice -n 10 "$SF" compile "$WORK/$name.sft" --target loihi1 --weight-bits "$bits" --validate "$VALIDATE" \
    --out "$WORK/$name.$bits.chip" --json 2>"$WORK/$name.compile$bits.err" | tail -n 1 > "$res.tmp" \
    || { tail -n 5 "$WORK/$name.compile$bits.err" >&2; exit 1; }
  mv "$res.tmp" "$res"
  record "$claim" "$arm-compiled-${bits}bit" "$seed" "$name" "$res"
}
compile4() { compile_bits 4 "$@"; }

log "results -> $OUT, work -> $WORK, launcher $SF"

# (1) Surrogate shape x learning rate: robustness of fast-sigmoid. One sweep per seed in SWEEP_SEEDS (a second seed
# shows how much of a difference between cells is noise). A sweep resumes by itself; its record is written again.
sweep() {
  local seed="$1" dir="$WORK/sweep-s$1"
  log "sweep: spikeforge sweep ${SWEEP[*]} --hidden $HIDDEN --steps $STEPS ${SWEEP_ENGINE[*]} --seed $seed"
  nice -n 10 "$SF" sweep "${SWEEP[@]}" --hidden "$HIDDEN" --steps "$STEPS" "${SWEEP_ENGINE[@]}" --seed "$seed" --out "$dir" --json \
    2>"$dir.err" | tail -n 1 > "$dir.line" || { tail -n 5 "$dir.err" >&2; exit 1; }
  # The table's cells (with epochs to target and accuracy per epoch) replace the line's shorter ones.
  # (results.json is rewritten on every run and names its fields in snake_case like the line.)
  jq -c --slurpfile t "$dir/results.json" '. + {settings: $t[0].settings, cells: $t[0].cells}' "$dir.line" > "$dir.json"
  record 1 sweep "$seed" "sweep-s$seed" "$dir.json"
  # One line per shape: its mean final accuracy over the grid's other axes, the quantity claim 1 compares by seed.
  jq -c --arg s "$seed" '.cells | group_by(.shape)[] | {claim: "1", arm: ("sweep-" + .[0].shape), seed: ($s | tonumber),
      label: ("sweep-s" + $s), mean_final_accuracy: (map(.final_accuracy) | add / length),
      diverged_cells: (map(select(.diverged)) | length), cells: length}' "$dir.json" | tee -a "$OUT"
}

# Claims (2)-(5) for one seed.
seed_runs() {
  local s="$1"
  # (2) Stability-based init vs default N(0, 1/fan-in) init, equal epochs. The default arm is also the fixed
  # fast-sigmoid baseline of (4) and the plain-training baseline of (5); the stable arm (initial rate 0.5, no
  # sparsity loss) is the "high rate, no sparsity" cell of (3).
  if wanted init; then
    train 2 default-init "$s" "mlp-default-s$s" "${MLP[@]}"
    train 2 stable-init "$s" "mlp-stable-s$s" "${MLP[@]}" --init stable
    # The solver's weights and surrogate alone, biases left at 0: separates them from the high initial rate.
    train 2 stable-init-untuned "$s" "mlp-stable-untuned-s$s" "${MLP[@]}" --init stable --initial-rate 0
  fi
  if wanted rnn; then
    train 2 rnn-default-init "$s" "rnn-default-s$s" "${RNN[@]}"
    train 2 rnn-stable-init "$s" "rnn-stable-s$s" "${RNN[@]}" --init stable
    train 2 rnn-stable-init-untuned "$s" "rnn-stable-untuned-s$s" "${RNN[@]}" --init stable --initial-rate 0
  fi
  # (3) High vs low initial rate (biases pre-tuned), with and without the gradual sparsity loss (target 0.05).
  if wanted sparsity; then
    train 3 high-rate-sparsity "$s" "mlp-high-sparse-s$s" "${MLP[@]}" --init stable --initial-rate 0.5 \
      --sparsity-target 0.05
    # The method's loss weight 1 moves the rate only slowly at 4 epochs; weight 10 is the same loss, stronger.
    train 3 high-rate-sparsity-w10 "$s" "mlp-high-sparse10-s$s" "${MLP[@]}" --init stable --initial-rate 0.5 \
      --sparsity-target 0.05 --sparsity-weight 10
    train 3 low-rate-sparsity "$s" "mlp-low-sparse-s$s" "${MLP[@]}" --init stable --initial-rate 0.05 \
      --sparsity-target 0.05
    train 3 low-rate "$s" "mlp-low-s$s" "${MLP[@]}" --init stable --initial-rate 0.05
  fi
  # (4) chi adaptation and AdaLi against the fixed fast-sigmoid (= the default-init arm of (2)).
  if wanted adapt; then
    train 4 chi-adapt "$s" "mlp-chi-s$s" "${MLP[@]}" --chi-adapt 0.1,0.5
    train 4 adali-power "$s" "mlp-adali-s$s" "${MLP[@]}" --surrogate adali --adali-schedule power
    train 4 adali-auto "$s" "mlp-adali-auto-s$s" "${MLP[@]}" --surrogate adali --adali-schedule auto
  fi
  # (5) Hybrid training (16 levels halving, last epoch spiking) and 4-bit weight QAT vs plain training, each then
  # compiled to loihi1 at 4 bits.
  if wanted hybrid; then
    train 5 hybrid "$s" "mlp-hybrid-s$s" "${MLP[@]}" --hybrid
    train 5 weight-qat-4bit "$s" "mlp-wq4-s$s" "${MLP[@]}" --weight-bits 4
    train 5 hybrid-weight-qat-4bit "$s" "mlp-hybrid-wq4-s$s" "${MLP[@]}" --hybrid --weight-bits 4
    [ -f "$WORK/mlp-default-s$s.sft" ] || train 2 default-init "$s" "mlp-default-s$s" "${MLP[@]}"
    compile4 5 plain "$s" "mlp-default-s$s"
    compile4 5 hybrid "$s" "mlp-hybrid-s$s"
    compile4 5 weight-qat-4bit "$s" "mlp-wq4-s$s"
    compile4 5 hybrid-weight-qat-4bit "$s" "mlp-hybrid-wq4-s$s"
    # Below 4 bits, where plain training may have a cliff: the same float models at 3 and 2 bits.
    for b in 3 2; do
      compile_bits "$b" 5 plain "$s" "mlp-default-s$s"
      compile_bits "$b" 5 hybrid "$s" "mlp-hybrid-s$s"
    done
  fi
}

# The first seed of everything, then the sweep, then the other seeds: a run cut short still has one of each.
seed_runs "${SEEDS[0]}"
if wanted sweep; then for s in "${SWEEP_SEEDS[@]}"; do sweep "$s"; done; fi
for s in "${SEEDS[@]:1}"; do seed_runs "$s"; done
# Each arm's mean ± 95 % interval over its seeds, and each claim's comparisons paired by seed.
STATS=(--metric test_accuracy --metric spikes_per_sample --metric accuracy.chip_accuracy --metric mean_final_accuracy
  --pair stable-init=default-init --pair stable-init-untuned=default-init
  --pair rnn-stable-init=rnn-default-init --pair rnn-stable-init-untuned=rnn-default-init
  --pair high-rate-sparsity=low-rate --pair high-rate-sparsity-w10=low-rate --pair high-rate-sparsity=low-rate-sparsity
  --pair low-rate-sparsity=low-rate
  --pair chi-adapt=default-init --pair adali-power=default-init --pair adali-auto=default-init
  --pair hybrid-compiled-4bit=plain-compiled-4bit --pair weight-qat-4bit-compiled-4bit=plain-compiled-4bit
  --pair hybrid-weight-qat-4bit-compiled-4bit=plain-compiled-4bit
  --pair hybrid-compiled-3bit=plain-compiled-3bit --pair hybrid-compiled-2bit=plain-compiled-2bit)
for shape in triangular exponential sigmoid gaussian rectangular cauchy q-pseudospike; do
  STATS+=(--pair "sweep-$shape=sweep-fast-sigmoid")
done
"$SF" bench stats "$OUT" "${STATS[@]}" --out "${OUT%.jsonl}.stats.md" >&2
log "done: $(wc -l < "$OUT") lines in $OUT, statistics in ${OUT%.jsonl}.stats.md"
