//! Hostile cases: the host's time zone and locale. `Date` and `Intl` would read them from
//! `TZ`, `/etc/localtime`, `LANG` and `LC_ALL` (ICU's defaults); a sandbox sees UTC and
//! `en-US` instead, or what `--tz` and `--locale` say.

use crate::support::TestContext;
use crate::support::measure::{MEBIBYTE, measure, rss_bound};

/// What the code reads of its time zone and locale, through every door `Date` and `Intl` have.
const PROBE: &str = "const options = Intl.DateTimeFormat().resolvedOptions();
return [
  new Date(0).getTimezoneOffset(), options.timeZone, options.locale,
  new Date(0).toString(), new Date(0).toLocaleString(), new Date(0).toTimeString(),
  new Intl.NumberFormat().format(1234.5), (1234.5).toLocaleString(),
  new Intl.Collator().resolvedOptions().locale, new Intl.PluralRules().resolvedOptions().locale,
  'ä'.localeCompare('z'), typeof navigator.language === 'string' ? navigator.language : 'none',
];";

/// What PROBE returns in UTC and en-US.
const UTC_EN_US: &str = "[0,\"UTC\",\"en-US\",\"Thu Jan 01 1970 00:00:00 GMT+0000 (Coordinated Universal Time)\",\
\"1/1/1970, 12:00:00 AM\",\"00:00:00 GMT+0000 (Coordinated Universal Time)\",\"1,234.5\",\"1,234.5\",\"en-US\",\"en-US\",-1,\"en\"]\n";

/// With the host in New York and German (`TZ`, `LANG`, `LC_ALL`, also `TZ` naming a zoneinfo
/// file as `/etc/localtime` does), the code sees UTC and en-US, and nothing of the host's
/// zone or language.
#[test]
fn host_time_zone_and_locale_never_show() {
    let context = TestContext::new();
    let mut hosts = vec!["America/New_York".to_owned()];
    if std::path::Path::new("/usr/share/zoneinfo/Asia/Tokyo").exists() {
        hosts.push(":/usr/share/zoneinfo/Asia/Tokyo".to_owned());
    }
    for tz in &hosts {
        let mut command = context.run(&["-", "--memory", "32MB"]);
        command
            .env("TZ", tz)
            .env("LANG", "de_DE.UTF-8")
            .env("LC_ALL", "de_DE.UTF-8")
            .env("LC_TIME", "de_DE.UTF-8")
            .env("LANGUAGE", "de");
        let measured = measure(&mut command, Some(PROBE.as_bytes()));
        measured.assert_exit(0);
        assert_eq!(measured.stdout(), UTC_EN_US, "with TZ={tz}\n{}", measured.describe());
        for host in ["New_York", "Tokyo", "-0500", "+0900", "de-DE", "Normalzeit", "1.234,5", "31.12.1969"] {
            measured.assert_absent(host);
        }
        measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
    }
}

/// `--tz` and `--locale` choose the zone and locale, whatever the host's are.
#[test]
fn tz_and_locale_flags_choose() {
    let context = TestContext::new();
    let mut command = context.run(&["-", "--tz", "Asia/Tokyo", "--locale", "fr-FR", "--memory", "32MB"]);
    command.env("TZ", "America/New_York").env("LANG", "de_DE.UTF-8").env("LC_ALL", "de_DE.UTF-8");
    let measured = measure(&mut command, Some(PROBE.as_bytes()));
    measured.assert_exit(0);
    assert_eq!(
        measured.stdout(),
        "[-540,\"Asia/Tokyo\",\"fr-FR\",\"Thu Jan 01 1970 09:00:00 GMT+0900 (heure normale du Japon)\",\
\"01/01/1970 09:00:00\",\"09:00:00 GMT+0900 (heure normale du Japon)\",\"1\u{202f}234,5\",\"1\u{202f}234,5\",\"fr-FR\",\"fr-FR\",-1,\"en\"]\n",
        "{}",
        measured.describe()
    );
    measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
}

/// An unknown zone or a malformed tag is a usage error (exit code 2) that names the value,
/// before anything runs.
#[test]
fn unknown_zone_or_malformed_locale_is_a_usage_error() {
    let context = TestContext::new();
    let cases = [
        (vec!["--tz", "Mars/Olympus_Mons"], "error: Invalid `--tz Mars/Olympus_Mons`: not a time zone"),
        (vec!["--tz", "utc"], "error: Invalid `--tz utc`: not a time zone"),
        (vec!["--locale", "de_DE.UTF-8"], "error: Invalid `--locale de_DE.UTF-8`: BCP 47 separates subtags with `-`"),
        (vec!["--locale", "en-US-u-ca-buddhist"], "error: Invalid `--locale en-US-u-ca-buddhist`: extensions"),
        (vec!["--locale", "not a tag"], "error: Invalid `--locale not a tag`: write a language"),
    ];
    for (flags, message) in cases {
        let mut args = vec!["-"];
        args.extend(flags);
        let measured = measure(&mut context.run(&args), Some(b"globalThis.ran = true; return 'ran'"));
        measured.assert_exit(2);
        assert!(measured.stderr().starts_with(message), "{}", measured.describe());
        assert!(measured.stderr().contains("hint: give "), "{}", measured.describe());
        assert_eq!(measured.stdout(), "", "{}", measured.describe());
        measured.assert_peak_rss_below(rss_bound(32 * MEBIBYTE));
    }
}
