//! The hostile suite: what an attacker would try, one module per class of attack, each case
//! run through the real binary with `support::measure` (exit code, no signal, no panic, peak
//! RSS against the limit, secrets absent from everything printed).

mod cpu;
mod files;
mod host;
mod memory;
mod npmrc;
mod output;
mod parse;
mod secrets;

use crate::support::TestContext;
use crate::support::measure::{FIXED_OVERHEAD, MEBIBYTE, measure, rss_bound};

/// The fixed part of every memory bound is honest: a run that allocates nothing stays well
/// inside it, so the bounds the other cases assert leave no room for what they try.
#[test]
fn fixed_overhead_covers_a_plain_run() {
    let context = TestContext::new();
    let measured = measure(context.run(&["-"]).env("SECRET_OF_THE_HOST", "hunter2"), Some(b"return 6 * 7"));
    measured.assert_exit(0);
    assert_eq!(measured.stdout(), "42\n");
    measured.assert_peak_rss_below(FIXED_OVERHEAD - 32 * MEBIBYTE);
    measured.assert_absent("hunter2");
    assert!(rss_bound(8 * MEBIBYTE) > FIXED_OVERHEAD);
}

/// The harness measures the child alone: a test process that holds far more than the bound
/// does not show up in the child's peak (Linux folds the peak of the process that starts a
/// program into the program's own, which `measure` avoids with an intermediary).
#[test]
fn the_test_process_does_not_inflate_the_child_peak() {
    let held = vec![1u8; 256 << 20];
    let context = TestContext::new();
    let measured = measure(&mut context.run(&["-"]), Some(b"return 1"));
    measured.assert_exit(0);
    measured.assert_peak_rss_below(FIXED_OVERHEAD - 32 * MEBIBYTE);
    assert_eq!(std::hint::black_box(&held).iter().map(|byte| u64::from(*byte)).sum::<u64>(), 256 << 20);
}
