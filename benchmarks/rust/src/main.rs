//! Rust's `std::sync::mpsc` (crossbeam-channel's algorithm, in std since 1.67) measured in the
//! shape of Sluice's JMH comparison suite: seq, spsc, mpsc (4 producers) and, with the unstable
//! `std::sync::mpmc`, mpmc (4 × 4), for rendezvous, bounded(1), bounded(1024) and unbounded.
//!
//! Std only, no crates. Every run moves MESSAGES integers and checks their sum; threads are
//! spawned per run as in crossbeam's `benches/crossbeam.rs`; each cell does one warm-up run and
//! reports the median of RUNS runs in messages per second.
//!
//!     cargo run --release --offline --bin sluice-rust-baseline       # seq, spsc, mpsc
//!     RUSTC_BOOTSTRAP=1 cargo run --release --offline --features mpmc --bin sluice-rust-baseline   # and mpmc
//!
//! `harness MESSAGES SLOW_MESSAGES RUNS [oversubscribed]` is the machine-readable mode the Java whole-run harness
//! (`dev.sluice.benchmarks.WholeRun`) drives: crossbeam's shape, one line per timed run,
//! `run<TAB>scenario<TAB>messages<TAB>wall ns<TAB>process CPU ns`, channel creation and thread
//! spawn inside the timed region; CPU time is the process's utime + stime from /proc/self/stat.
#![cfg_attr(feature = "mpmc", feature(mpmc_channel))]

use std::sync::mpsc;
use std::thread;
use std::time::Instant;

/// Messages per run for the buffered cells; the wake-up bound cells (rendezvous, bounded(1)) move
/// a tenth of it, which keeps the whole program near a minute on a 2-core machine.
const MESSAGES: usize = 1_000_000;
const THREADS: usize = 4;
const RUNS: usize = 5;

fn messages_for(cap: Capacity) -> usize {
    match cap {
        Some(0) | Some(1) => MESSAGES / 10,
        _ => MESSAGES,
    }
}

fn expected(n: usize) -> usize {
    n * (n - 1) / 2
}

/// A sending handle of any std channel.
trait Tx: Clone + Send + 'static {
    fn put(&self, v: usize);
}

impl Tx for mpsc::Sender<usize> {
    fn put(&self, v: usize) {
        self.send(v).unwrap();
    }
}

impl Tx for mpsc::SyncSender<usize> {
    fn put(&self, v: usize) {
        self.send(v).unwrap();
    }
}

/// Capacity: Some(n) for sync_channel(n) (0 = rendezvous), None for channel().
type Capacity = Option<usize>;

fn describe(cap: Capacity) -> String {
    match cap {
        Some(0) => "rendezvous".to_string(),
        Some(n) => format!("bounded({n})"),
        None => "unbounded".to_string(),
    }
}

fn share(total: usize, parts: usize, part: usize) -> usize {
    total * part / parts
}

fn seq<T: Tx>(tx: T, rx: mpsc::Receiver<usize>, n: usize, batch: usize) {
    let mut sum = 0;
    let mut from = 0;
    while from < n {
        let to = (from + batch).min(n);
        for i in from..to {
            tx.put(i);
        }
        for _ in from..to {
            sum += rx.recv().unwrap();
        }
        from = to;
    }
    assert_eq!(sum, expected(n));
}

fn producers_into<T: Tx>(tx: T, rx: mpsc::Receiver<usize>, n: usize, producers: usize) {
    thread::scope(|s| {
        for p in 0..producers {
            let tx = tx.clone();
            s.spawn(move || {
                for i in share(n, producers, p)..share(n, producers, p + 1) {
                    tx.put(i);
                }
            });
        }
        drop(tx);
        let mut sum = 0;
        for _ in 0..n {
            sum += rx.recv().unwrap();
        }
        assert_eq!(sum, expected(n));
    });
}

/// Runs `body` once to warm up, then RUNS times; the median rate in messages per second.
fn measure(n: usize, mut body: impl FnMut()) -> f64 {
    body();
    let mut rates: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            body();
            n as f64 / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(|a, b| a.partial_cmp(b).unwrap());
    rates[RUNS / 2]
}

fn cell(cap: Capacity, shape: &str) -> Option<f64> {
    let n = messages_for(cap);
    macro_rules! with_channel {
        ($f:expr) => {
            match cap {
                Some(c) => measure(n, || {
                    let (tx, rx) = mpsc::sync_channel::<usize>(c);
                    $f(tx, rx)
                }),
                None => measure(n, || {
                    let (tx, rx) = mpsc::channel::<usize>();
                    $f(tx, rx)
                }),
            }
        };
    }
    match shape {
        "seq" => {
            let batch = match cap {
                Some(0) => return None,         // a thread cannot meet itself
                Some(c) => c,
                None => n,
            };
            Some(with_channel!(|tx, rx| seq(tx, rx, n, batch)))
        }
        "spsc" => Some(with_channel!(|tx, rx| producers_into(tx, rx, n, 1))),
        "mpsc" => Some(with_channel!(|tx, rx| producers_into(tx, rx, n, THREADS))),
        "mpmc" => mpmc(cap, n),
        _ => unreachable!(),
    }
}

#[cfg(feature = "mpmc")]
fn mpmc(cap: Capacity, n: usize) -> Option<f64> {
    use std::sync::mpmc as mc;
    Some(measure(n, || {
        let (tx, rx) = match cap {
            Some(c) => mc::sync_channel::<usize>(c),
            None => mc::channel::<usize>(),
        };
        let total: usize = thread::scope(|s| {
            for p in 0..THREADS {
                let tx = tx.clone();
                s.spawn(move || {
                    for i in share(n, THREADS, p)..share(n, THREADS, p + 1) {
                        tx.send(i).unwrap();
                    }
                });
            }
            let consumers: Vec<_> = (0..THREADS)
                .map(|c| {
                    let rx = rx.clone();
                    s.spawn(move || {
                        let count = share(n, THREADS, c + 1) - share(n, THREADS, c);
                        (0..count).map(|_| rx.recv().unwrap()).sum::<usize>()
                    })
                })
                .collect();
            consumers.into_iter().map(|h| h.join().unwrap()).sum()
        });
        drop(tx);
        assert_eq!(total, expected(n));
    }))
}

#[cfg(not(feature = "mpmc"))]
fn mpmc(_cap: Capacity, _n: usize) -> Option<f64> {
    None
}

/// The whole-run harness scenarios (shape, capacity); rendezvous and bounded(1) move SLOW_MESSAGES.
const HARNESS: [(&str, Capacity); 9] = [
    ("spsc", Some(1024)),
    ("mpsc", Some(1024)),
    ("mpmc", Some(1024)),
    ("spsc", None),
    ("mpsc", None),
    ("mpmc", None),
    ("spsc", Some(0)),
    ("mpsc", Some(0)),
    ("spsc", Some(1)),
];

/// The oversubscribed scenarios (OVERSUBSCRIBED_THREADS producers and as many consumers, more
/// threads than a 2-core machine has), run only when `harness` is given `oversubscribed`.
const OVERSUBSCRIBED: [(&str, Capacity); 3] = [
    ("oversubscribed", Some(1024)),
    ("oversubscribed", None),
    ("oversubscribed", Some(0)),
];
const OVERSUBSCRIBED_THREADS: usize = 8;

/// This process's user + system CPU time in nanoseconds (all threads, exited ones included).
fn process_cpu_nanos() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    // USER_HZ is 100 on Linux x86-64: one tick is 10 ms.
    (ticks(11) + ticks(12)) * 10_000_000
}

fn run_once(shape: &str, cap: Capacity, n: usize) -> bool {
    macro_rules! with_channel {
        ($f:expr) => {
            match cap {
                Some(c) => {
                    let (tx, rx) = mpsc::sync_channel::<usize>(c);
                    $f(tx, rx)
                }
                None => {
                    let (tx, rx) = mpsc::channel::<usize>();
                    $f(tx, rx)
                }
            }
        };
    }
    match shape {
        "spsc" => with_channel!(|tx, rx| producers_into(tx, rx, n, 1)),
        "mpsc" => with_channel!(|tx, rx| producers_into(tx, rx, n, THREADS)),
        "mpmc" => return mpmc_once(cap, n, THREADS),
        "oversubscribed" => return mpmc_once(cap, n, OVERSUBSCRIBED_THREADS),
        _ => unreachable!(),
    }
    true
}

#[cfg(feature = "mpmc")]
fn mpmc_once(cap: Capacity, n: usize, threads: usize) -> bool {
    use std::sync::mpmc as mc;
    let (tx, rx) = match cap {
        Some(c) => mc::sync_channel::<usize>(c),
        None => mc::channel::<usize>(),
    };
    let total: usize = thread::scope(|s| {
        for p in 0..threads {
            let tx = tx.clone();
            s.spawn(move || {
                for i in share(n, threads, p)..share(n, threads, p + 1) {
                    tx.send(i).unwrap();
                }
            });
        }
        let consumers: Vec<_> = (0..threads)
            .map(|c| {
                let rx = rx.clone();
                s.spawn(move || {
                    let count = share(n, threads, c + 1) - share(n, threads, c);
                    (0..count).map(|_| rx.recv().unwrap()).sum::<usize>()
                })
            })
            .collect();
        consumers.into_iter().map(|h| h.join().unwrap()).sum()
    });
    drop(tx);
    assert_eq!(total, expected(n));
    true
}

#[cfg(not(feature = "mpmc"))]
fn mpmc_once(_cap: Capacity, _n: usize, _threads: usize) -> bool {
    false
}

fn harness(messages: usize, slow: usize, runs: usize, scenarios: &[(&str, Capacity)]) {
    for &(shape, cap) in scenarios {
        let n = match cap {
            Some(0) | Some(1) => slow,
            _ => messages,
        };
        let scenario = format!("{} {}", shape, describe(cap));
        for _ in 0..runs {
            let cpu = process_cpu_nanos();
            let start = Instant::now();
            if !run_once(shape, cap, n) {
                println!("skip\t{scenario}\tneeds --features mpmc");
                break;
            }
            let wall = start.elapsed().as_nanos();
            println!("run\t{scenario}\t{n}\t{wall}\t{}", process_cpu_nanos() - cpu);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if (args.len() == 5 || args.len() == 6) && args[1] == "harness" {
        let arg = |i: usize| args[i].parse::<usize>().expect("harness MESSAGES SLOW_MESSAGES RUNS [oversubscribed]");
        match args.get(5).map(String::as_str) {
            None => harness(arg(2), arg(3), arg(4), &HARNESS),
            Some("oversubscribed") => harness(arg(2), arg(3), arg(4), &OVERSUBSCRIBED),
            Some(other) => panic!("unknown harness set {other} (oversubscribed)"),
        }
        return;
    }
    println!(
        "Rust std::sync::mpsc{} ({} messages per run, {} for rendezvous and bounded(1); median of {} runs)\n",
        if cfg!(feature = "mpmc") { " + std::sync::mpmc" } else { "" },
        MESSAGES,
        MESSAGES / 10,
        RUNS
    );
    println!("| capacity | shape | msgs/s |");
    println!("|---|---|---:|");
    for cap in [Some(0), Some(1), Some(1024), None] {
        for shape in ["seq", "spsc", "mpsc", "mpmc"] {
            let rate = match cell(cap, shape) {
                Some(r) => format!("{:.2} M", r / 1e6),
                None if shape == "seq" => continue,
                None => "n/a (needs --features mpmc, RUSTC_BOOTSTRAP=1)".to_string(),
            };
            println!("| {} | {} | {} |", describe(cap), shape, rate);
        }
    }
}
