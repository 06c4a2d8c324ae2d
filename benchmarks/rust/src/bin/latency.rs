//! Rust std's `sync_channel` (crossbeam-channel's algorithm) in the shape of Sluice's latency
//! table (`dev.sluice.benchmarks.LatencyRun`): ping-pong round trips and one-way hand-offs to a
//! parked receiver, for rendezvous (`sync_channel(0)`), bounded(1) and bounded(1024).
//!
//!     cargo run --release --offline --bin latency -- COUNT ONEWAY_COUNT WARMUP
//!
//! Prints one line per cell, `lat<TAB>mode<TAB>capacity<TAB>platform<TAB>count<TAB>p50<TAB>p99
//! <TAB>p99.9<TAB>max` in nanoseconds, the Java child's format. Std only, no crates: every sample
//! is kept and the percentiles are exact, read from the sorted samples (the value at rank
//! ceil(p * n)).
//!
//! - pingpong: a client thread sends `i` over a request channel, an echo thread sends it back
//!   over a reply channel; one sample is the round trip, just before the send to just after the
//!   reply is received.
//! - oneway: before each send the sender waits (spinning, untimed) until the receiver thread's
//!   state in `/proc/self/task/TID/stat` has been `S` (sleeping: parked in its receive) for
//!   SETTLE; it then stamps the time and sends; one sample is that stamp to the receiver's
//!   return from `recv`.
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

const SETTLE: Duration = Duration::from_micros(50);
const PARK_DEADLINE: Duration = Duration::from_secs(5);

fn percentiles(mut samples: Vec<u64>) -> (usize, u64, u64, u64, u64) {
    samples.sort_unstable();
    let n = samples.len();
    let at = |p: f64| samples[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
    (n, at(0.50), at(0.99), at(0.999), samples[n - 1])
}

fn ping_pong(capacity: usize, count: usize) -> Vec<u64> {
    let (req_tx, req_rx): (SyncSender<usize>, Receiver<usize>) = mpsc::sync_channel(capacity);
    let (rep_tx, rep_rx): (SyncSender<usize>, Receiver<usize>) = mpsc::sync_channel(capacity);
    let echo = thread::spawn(move || {
        for _ in 0..count {
            let v = req_rx.recv().unwrap();
            rep_tx.send(v).unwrap();
        }
    });
    let client = thread::spawn(move || {
        let mut samples = Vec::with_capacity(count);
        for i in 0..count {
            let start = Instant::now();
            req_tx.send(i).unwrap();
            let v = rep_rx.recv().unwrap();
            let rtt = start.elapsed().as_nanos() as u64;
            assert_eq!(v, i, "a message came back out of order");
            samples.push(rtt);
        }
        samples
    });
    echo.join().unwrap();
    client.join().unwrap()
}

/// This thread's kernel task id, from the /proc/thread-self link ("PID/task/TID").
fn own_tid() -> String {
    let link = std::fs::read_link("/proc/thread-self").expect("/proc/thread-self (Linux only)");
    link.file_name().unwrap().to_string_lossy().into_owned()
}

/// The task's state letter from /proc/self/task/TID/stat (the field after the command name).
fn task_state(tid: &str) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/self/task/{tid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

fn await_parked(tid: &str) {
    let start = Instant::now();
    let mut parked_since: Option<Instant> = None;
    loop {
        let now = Instant::now();
        if task_state(tid) == Some('S') {
            match parked_since {
                None => parked_since = Some(now),
                Some(since) if now - since >= SETTLE => return,
                Some(_) => {}
            }
        } else {
            parked_since = None;
        }
        assert!(now - start < PARK_DEADLINE, "the receiver did not park within {PARK_DEADLINE:?}");
        std::hint::spin_loop();
    }
}

fn one_way(capacity: usize, count: usize) -> Vec<u64> {
    let (tx, rx) = mpsc::sync_channel::<usize>(capacity);
    let (tid_tx, tid_rx) = mpsc::channel::<String>();
    let base = Instant::now();
    let sent_at: Arc<Vec<AtomicU64>> = Arc::new((0..count).map(|_| AtomicU64::new(0)).collect());
    let stamps = Arc::clone(&sent_at);
    let receiver = thread::spawn(move || {
        tid_tx.send(own_tid()).unwrap();
        let mut samples = Vec::with_capacity(count);
        for i in 0..count {
            let v = rx.recv().unwrap();
            let end = base.elapsed().as_nanos() as u64;
            assert_eq!(v, i, "a message arrived out of order");
            // The channel's hand-off orders the sender's stamp before this load.
            samples.push(end.saturating_sub(stamps[v].load(Ordering::Relaxed)));
        }
        samples
    });
    let tid = tid_rx.recv().unwrap();
    let sender = thread::spawn(move || {
        for i in 0..count {
            await_parked(&tid);
            sent_at[i].store(base.elapsed().as_nanos() as u64, Ordering::Relaxed);
            tx.send(i).unwrap();
        }
    });
    sender.join().unwrap();
    receiver.join().unwrap()
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("latency COUNT ONEWAY_COUNT WARMUP"))
        .collect();
    assert_eq!(args.len(), 3, "latency COUNT ONEWAY_COUNT WARMUP");
    let (count, oneway, warmup) = (args[0], args[1], args[2]);
    for mode in ["pingpong", "oneway"] {
        for capacity in [0usize, 1, 1024] {
            let run = |n: usize| if mode == "pingpong" { ping_pong(capacity, n) } else { one_way(capacity, n) };
            if warmup > 0 {
                run(warmup);
            }
            let n = if mode == "pingpong" { count } else { oneway };
            let (total, p50, p99, p999, max) = percentiles(run(n));
            println!("lat\t{mode}\t{capacity}\tplatform\t{total}\t{p50}\t{p99}\t{p999}\t{max}");
        }
    }
}
