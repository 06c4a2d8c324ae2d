/**
 * The programs of the article "Rust: Transfer Data Between Threads", ported to Sluice, one
 * {@code main} class per program, in the article's order ({@code A01_} to {@code A09_}). Each
 * class comment quotes the Rust it ports and shows the output, which {@code SamplesOutputTest}
 * checks line by line.
 *
 * <p>Idioms of the ports: Rust's {@code channel()} is {@link dev.sluice.Channel#unbounded()},
 * {@code sync_channel(n)} is {@link dev.sluice.Channel#bounded(int)}, {@code drop(sender)} is
 * {@code close()} (here mostly the end of a try-with-resources block), {@code sender.clone()} is
 * {@link dev.sluice.Sender#clone()}, {@code while let Ok(m) = receiver.recv()} is
 * {@code for (String m : receiver)}, and {@code thread::spawn} / {@code handle.join()?} is
 * {@link dev.sluice.samples.JoinHandle}, a {@link java.lang.Thread} whose {@code join()}
 * rethrows what the thread threw. {@code main} declares {@code throws Exception}, as the
 * article's {@code main} returns {@code Result<()>}.
 *
 * <p>The backpressure experiment lives in {@link dev.sluice.samples.experiment}.
 */
package dev.sluice.samples;
