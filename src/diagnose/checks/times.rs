//! Time checks: exp, iat and nbf against the server's clock, the lifetime,
//! clock skew; and how times are written in findings.

use serde_json::Value;

use crate::diagnose::{Finding, Severity};

use super::{Context, Decoded};

/// "3 min ago", "in 2 h". Any i64, without overflow.
pub fn relative(secs: i64) -> String {
    let a = secs.unsigned_abs();
    let amount = if a < 120 {
        format!("{a} s")
    } else if a < 7200 {
        format!("{} min", a / 60)
    } else if a < 172_800 {
        format!("{} h", a / 3600)
    } else {
        format!("{} days", a / 86_400)
    };
    if secs < 0 {
        format!("{amount} ago")
    } else {
        format!("in {amount}")
    }
}

/// The largest NumericDate pkjwt treats as a date: 9999-12-31T23:59:59Z.
pub const MAX_DATE: i64 = 253_402_300_799;

/// A NumericDate as RFC 3339 UTC; "not a date" outside 1970 to 9999.
pub fn date(secs: i64) -> String {
    if !(0..=MAX_DATE).contains(&secs) {
        return "not a date".into();
    }
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_else(|| "not a date".into())
}

fn num(c: &Value, k: &str) -> Option<Result<i64, ()>> {
    c.get(k).map(|v| {
        v.as_i64()
            .or_else(|| v.as_f64().map(|x| x as i64))
            .ok_or(())
    })
}

pub(super) fn check_times(d: &Decoded, ctx: &Context, out: &mut Vec<Finding>) {
    let c = &d.claims;
    // The server's "now", when the offset is known; else ours.
    let server_now = ctx.now.saturating_add(ctx.clock_offset.unwrap_or(0));
    let whose = if ctx.clock_offset.is_some() {
        "by the server's clock"
    } else {
        "by this machine's clock"
    };
    let exp = match num(c, "exp") {
        None => {
            out.push(Finding::new(
                "exp-missing",
                Severity::Error,
                "the exp claim is missing".to_string(),
                "assertions must expire: exp = iat + 60 s is common",
            ));
            None
        }
        Some(Err(())) => {
            out.push(Finding::new(
                "claim-type",
                Severity::Error,
                "exp is not a number".to_string(),
                "exp is seconds since the epoch, a number",
            ));
            None
        }
        Some(Ok(e)) => Some(e),
    };
    let iat = match num(c, "iat") {
        Some(Ok(i)) => Some(i),
        Some(Err(())) => {
            out.push(Finding::new(
                "claim-type",
                Severity::Error,
                "iat is not a number".to_string(),
                "",
            ));
            None
        }
        None => None,
    };
    let absurd: Vec<String> = ["exp", "iat", "nbf"]
        .into_iter()
        .filter_map(|k| match (num(c, k), c.get(k)) {
            (Some(Ok(t)), Some(v)) if !(0..=MAX_DATE).contains(&t) => Some(format!("{k} {v}")),
            _ => None,
        })
        .collect();
    if !absurd.is_empty() {
        out.push(Finding::new(
            "time-out-of-range",
            Severity::Error,
            format!(
                "{} not a time between 1970 and 9999",
                if absurd.len() == 1 {
                    format!("{} is", absurd[0])
                } else {
                    format!("{} are", absurd.join(", "))
                }
            ),
            "exp, iat and nbf are seconds since 1970 (RFC 7519 NumericDate), not milliseconds: a server may overflow or refuse them; use exp = iat + 60",
        ));
    }
    if let Some(e) = exp {
        if e <= server_now {
            out.push(Finding::new(
                "exp-past",
                Severity::Error,
                format!("the assertion expired {} ({}), {whose}", relative(e.saturating_sub(server_now)), date(e)),
                "mint a fresh assertion for every request; if it was fresh, the client clock is behind (see clock findings)",
            ));
        }
    }
    if let Some(Ok(n)) = num(c, "nbf") {
        if n > server_now.saturating_add(ctx.tolerance) {
            out.push(Finding::new(
                "nbf-future",
                Severity::Error,
                format!("nbf is {} ({}), {whose}: not valid yet", relative(n.saturating_sub(server_now)), date(n)),
                "the client clock is ahead of the server's: fix it, or compensate with --clock-offset",
            ));
        }
    }
    if let Some(i) = iat {
        if i > server_now.saturating_add(ctx.tolerance.max(5)) {
            out.push(Finding::new(
                "iat-future",
                Severity::Warning,
                format!(
                    "iat is {} ({}), {whose}",
                    relative(i.saturating_sub(server_now)),
                    date(i)
                ),
                "the client clock runs ahead; servers may reject assertions issued in the future",
            ));
        }
    }
    if let (Some(e), Some(i)) = (exp, iat) {
        let life = e.saturating_sub(i);
        if life <= 0 {
            out.push(Finding::new(
                "lifetime-negative",
                Severity::Error,
                format!("exp is {} s before iat", life.unsigned_abs()),
                "exp = iat + lifetime",
            ));
        } else if let Some(cap) = ctx.max_lifetime.filter(|cap| life > *cap) {
            out.push(Finding::new(
                "lifetime-over-server-cap",
                Severity::Error,
                format!("the lifetime is {life} s; this server allows at most {cap} s"),
                format!("use --lifetime {} or less", cap.min(60)),
            ));
        } else if life > 3600 {
            out.push(Finding::new(
                "lifetime-over-1h",
                Severity::Error,
                format!("the lifetime (exp - iat) is {life} s, over an hour"),
                "servers such as Okta refuse assertions valid for more than an hour; use 60 s (--lifetime 60)",
            ));
        } else if life > 300 {
            out.push(Finding::new(
                "lifetime-over-5min",
                Severity::Warning,
                format!("the lifetime (exp - iat) is {life} s, over five minutes"),
                "FAPI deployments and security-focused servers (Keycloak with a short max assertion lifetime, Open Banking profiles) refuse long-lived assertions; 60 s is safe",
            ));
        } else if life > 60 {
            out.push(Finding::new(
                "lifetime-long",
                Severity::Warning,
                format!("the lifetime (exp - iat) is {life} s"),
                "60 s or less keeps a stolen assertion useless quickly (--lifetime 60)",
            ));
        }
    }
    if let Some(off) = ctx.clock_offset {
        if off.unsigned_abs() > 30 {
            let with = if ctx.minting_offset != 0 {
                format!(" (with --clock-offset {})", ctx.minting_offset)
            } else {
                String::new()
            };
            out.push(Finding::new(
                "clock-skew",
                if off.unsigned_abs() > 60 {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                format!(
                    "this client's clock{with} is {} s {} the server's",
                    off.unsigned_abs(),
                    if off > 0 { "behind" } else { "ahead of" }
                ),
                match ctx.minting_offset.saturating_add(off) {
                    // The offset minting used is what is off, not the clock.
                    m if ctx.minting_offset != 0 && m.unsigned_abs() <= 5 => format!(
                        "this machine's clock agrees with the server's: drop the clock offset {:+} s (--clock-offset 0; a profile: pkjwt profile set NAME --unset clock-offset)",
                        ctx.minting_offset
                    ),
                    m => format!("fix the clock (NTP), or compensate: --clock-offset {m}"),
                },
            ));
        }
    }
}
