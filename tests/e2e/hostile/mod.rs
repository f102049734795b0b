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

/// The peak RSS measured is the child's own: the test process holding 192 MiB more than a
/// plain run needs does not show in it (`ru_maxrss` would count it).
#[test]
fn peak_rss_is_the_childs_own() {
    let held = vec![1u8; 192 * MEBIBYTE as usize];
    let context = TestContext::new();
    let measured = measure(&mut context.run(&["-"]), Some(b"return 6 * 7"));
    measured.assert_exit(0);
    assert!(!measured.peak_rss_from_rusage, "the child could not be traced\n{}", measured.describe());
    measured.assert_peak_rss_below(FIXED_OVERHEAD - 32 * MEBIBYTE);
    assert_eq!(held.iter().step_by(4096).map(|byte| *byte as usize).sum::<usize>(), 192 * MEBIBYTE as usize / 4096);
}
