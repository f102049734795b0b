//! The JSON lines `sandbox serve` writes on stderr: one per request (the access log) and
//! one for each event of the server's life (listening, shutting down).

use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

/// One request, as the access log shows it. The path has no query (it may hold what the
/// caller would not want logged); the token is its label, never the token.
#[derive(Serialize)]
pub(crate) struct AccessLine<'a> {
    pub(crate) time: String,
    pub(crate) method: &'a str,
    pub(crate) path: &'a str,
    pub(crate) status: u16,
    pub(crate) duration_ms: f64,
    pub(crate) bytes_in: usize,
    pub(crate) bytes_out: usize,
    pub(crate) remote: String,
    pub(crate) token: Option<&'a str>,
    pub(crate) trace_id: String,
    /// `ok`, or the error's code (`uncaught`, `limit`, `queue-full`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) outcome: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) queue_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) run_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) isolate: Option<&'static str>,
}

/// An event of the server: `{"time", "event", ...}`.
pub(crate) fn event(name: &str, fields: serde_json::Value) -> String {
    let mut line = serde_json::json!({ "time": now(), "event": name });
    if let (Some(line), serde_json::Value::Object(fields)) = (line.as_object_mut(), fields) {
        line.extend(fields);
    }
    line.to_string()
}

/// The time now in RFC 3339, UTC, with milliseconds: `2026-12-06T09:41:07.123Z`.
pub(crate) fn now() -> String {
    rfc3339(SystemTime::now())
}

pub(crate) fn rfc3339(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let seconds = since.as_secs();
    let (days, seconds_of_day) = (seconds / 86_400, seconds % 86_400);
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        seconds_of_day / 3600,
        seconds_of_day / 60 % 60,
        seconds_of_day % 60,
        since.subsec_millis()
    )
}

/// The date of a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dates around leap days and the epoch come out right.
    #[test]
    fn rfc3339_dates() {
        let at = |seconds: u64| rfc3339(UNIX_EPOCH + std::time::Duration::from_secs(seconds));
        assert_eq!(at(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00.000Z");
        assert_eq!(at(1_798_761_599), "2026-12-31T23:59:59.000Z");
        assert_eq!(at(4_107_542_400), "2100-03-01T00:00:00.000Z");
    }
}
