//! Dates and flags select what workerd 1.20261117.1 selects for them: each expectation below
//! was what that workerd's Worker Loader answered for the same map.

use super::*;

fn compatibility(date: &str, flags: &[&str]) -> Result<Compatibility, CompatibilityError> {
    Compatibility::new(date, &flags.iter().map(|flag| (*flag).to_owned()).collect::<Vec<_>>())
}

fn nodejs(date: &str, flags: &[&str]) -> (bool, bool) {
    let compatibility = compatibility(date, flags).expect("valid compatibility settings");
    (compatibility.nodejs_compat(), compatibility.nodejs_compat_v2())
}

/// Node.js compatibility is on by default from 2026-08-04, and only both disable flags turn
/// it off; `nodejs_compat` implies `nodejs_compat_v2` from 2024-09-23.
#[test]
fn nodejs_compat_by_date_and_flag() {
    assert_eq!(nodejs("2026-08-03", &[]), (false, false));
    assert_eq!(nodejs("2026-08-04", &[]), (true, true));
    assert_eq!(nodejs(COMPATIBILITY_DATE, &[]), (true, true));
    assert_eq!(nodejs(COMPATIBILITY_DATE, &["no_nodejs_compat"]), (true, true));
    assert_eq!(nodejs(COMPATIBILITY_DATE, &["no_nodejs_compat_v2"]), (true, false));
    assert_eq!(nodejs(COMPATIBILITY_DATE, &["no_nodejs_compat", "no_nodejs_compat_v2"]), (false, false));
    assert_eq!(nodejs("2024-01-01", &["nodejs_compat"]), (true, false));
    assert_eq!(nodejs("2024-09-22", &["nodejs_compat"]), (true, false));
    assert_eq!(nodejs("2024-09-23", &["nodejs_compat"]), (true, true));
    assert_eq!(nodejs("2024-09-23", &["nodejs_compat", "no_nodejs_compat_v2"]), (true, false));
    assert_eq!(nodejs("2024-01-01", &["nodejs_compat_v2"]), (true, true));
    assert_eq!(nodejs(COMPATIBILITY_DATE, &["nodejs_compat_v2", "no_nodejs_compat"]), (true, true));
}

/// `eval` at a module's top level is allowed from 2025-06-01, or by its flag.
#[test]
fn eval_during_startup_by_date_and_flag() {
    let eval = |date: &str, flags: &[&str]| compatibility(date, flags).expect("valid").eval_during_startup();
    assert!(!eval("2025-05-31", &[]));
    assert!(eval("2025-06-01", &[]));
    assert!(eval("2025-05-31", &["allow_eval_during_startup"]));
    assert!(!eval(COMPATIBILITY_DATE, &["disallow_eval_during_startup"]));
    assert!(Compatibility::default().eval_during_startup());
}

/// The global timers are `node:timers`' with Node.js compatibility from 2026-02-10, or by their
/// flag (which needs Node.js compatibility too).
#[test]
fn nodejs_global_timers_by_date_and_flag() {
    let timers = |date: &str, flags: &[&str]| compatibility(date, flags).expect("valid").nodejs_global_timers();
    assert!(timers(COMPATIBILITY_DATE, &[]));
    assert!(!timers(COMPATIBILITY_DATE, &["no_nodejs_global_timers"]));
    assert!(!timers(COMPATIBILITY_DATE, &["no_nodejs_compat", "no_nodejs_compat_v2"]));
    assert!(!timers("2026-02-09", &["nodejs_compat"]));
    assert!(timers("2026-02-10", &["nodejs_compat"]));
    assert!(timers("2024-01-01", &["nodejs_compat", "enable_nodejs_global_timers"]));
    assert!(!timers("2024-01-01", &["enable_nodejs_global_timers"]));
}

/// What workerd refuses is refused, with workerd's message naming the value.
#[test]
fn refusals_name_the_value() {
    let error = |date: &str, flags: &[&str]| compatibility(date, flags).expect_err("refused").to_string();
    assert_eq!(error("2026-13-01", &[]), "Invalid compatibility date: 2026-13-01");
    assert_eq!(error("2026-1-5", &[]), "Invalid compatibility date: 2026-1-5");
    assert_eq!(error("1999-01-05", &[]), "Invalid compatibility date: 1999-01-05");
    assert_eq!(error("", &[]), "Invalid compatibility date: ");
    assert_eq!(
        error("2026-11-30", &[]),
        "This Worker requires compatibility date \"2026-11-30\", but the newest date supported by this runtime is \"2026-11-17\""
    );
    assert_eq!(error("2025-01-01", &["nodejs_compt"]), "No such compatibility flag: nodejs_compt");
    assert_eq!(error("2025-01-01", &["internal"]), "No such compatibility flag: internal");
    assert_eq!(
        error("2025-01-01", &["nodejs_compat", "no_nodejs_compat"]),
        "Compatibility flags are mutually contradictory: nodejs_compat vs no_nodejs_compat"
    );
    assert_eq!(
        error("2025-01-01", &["nodejs_compat", "nodejs_compat"]),
        "Compatibility flag specified multiple times: nodejs_compat"
    );
    assert!(error("2025-01-01", &["experimental"]).starts_with("The compatibility flag experimental is experimental"));
}

/// Every flag workerd knows is accepted (an experimental one only to disable its feature),
/// so code written for Cloudflare is not refused for a flag the sandbox does not need.
#[test]
fn known_flags_are_accepted() {
    for flag in flags::FLAGS {
        let accepted = compatibility("2025-01-01", &[flag.enable]).is_ok();
        assert_eq!(accepted, !flag.experimental, "{}", flag.enable);
        if let Some(disable) = flag.disable {
            assert!(compatibility("2025-01-01", &[disable]).is_ok(), "{disable}");
        }
    }
    assert!(compatibility("2021-05-01", &["url_standard", "no_global_navigator", "rpc"]).is_ok());
}
