//! Tests of [`super`]: the plan, the run, the fix and the re-ranking.

use super::*;

const ISS: &str = "https://as.example";
const TOKEN: &str = "https://as.example/token";

fn base() -> Baseline {
    Baseline {
        issuer: Some(ISS.into()),
        token_endpoint: TOKEN.into(),
        aud: ISS.into(),
        kid: "k-new".into(),
        alg: Alg::RS256,
        typ: None,
        send_client_id: true,
        lifetime: 60,
        clock_offset: 0,
        other_keys: vec![("k-old".into(), Alg::ES256)],
        measured_offset: None,
    }
}

fn cause(code: &'static str, sev: Severity) -> Finding {
    Finding::new(code, sev, code, "")
}

#[test]
fn with_nothing_known_aud_comes_first_and_every_kind_is_tried() {
    let p = plan(&base(), &[cause("aud-maybe", Severity::Warning)]);
    assert_eq!(
        p,
        [
            Change::Aud(Aud::Endpoint),
            Change::Aud(Aud::Url(format!("{TOKEN}/"))),
            Change::Aud(Aud::Url(format!("{ISS}/"))),
            Change::Key {
                kid: "k-old".into(),
                alg: Alg::ES256
            },
            Change::Lifetime(30),
            Change::Alg(Alg::PS256),
            Change::Typ(Some(TYP_CLIENT_AUTH.into())),
            Change::ClientIdParam(false),
        ]
    );
}

#[test]
fn the_causes_order_the_probes() {
    let mut b = base();
    b.measured_offset = Some(300);
    let p = plan(
        &b,
        &[
            cause("kid-maybe-unregistered", Severity::Warning),
            cause("clock-skew", Severity::Error),
        ],
    );
    assert_eq!(
        p[..3],
        [
            Change::Key {
                kid: "k-old".into(),
                alg: Alg::ES256
            },
            Change::ClockOffset(300),
            Change::Lifetime(30),
        ]
    );
    assert_eq!(p[3], Change::Aud(Aud::Endpoint));
}

#[test]
fn aud_probes_skip_the_value_sent_and_duplicates() {
    let mut b = base();
    b.aud = TOKEN.into();
    b.issuer = Some(format!("{ISS}/"));
    let p: Vec<Change> = b.candidates(Kind::Aud);
    assert_eq!(
        p,
        [
            Change::Aud(Aud::Issuer),
            Change::Aud(Aud::Url(format!("{TOKEN}/"))),
            Change::Aud(Aud::Url(ISS.into())),
        ]
    );
}

#[test]
fn the_plan_is_bounded() {
    let mut b = base();
    b.other_keys = (0..20).map(|i| (format!("k{i}"), Alg::ES256)).collect();
    b.measured_offset = Some(-90);
    b.lifetime = 300;
    let p = plan(&b, &[]);
    assert_eq!(p.len(), MAX_PROBES);
    // Keys are capped by the bound, not by kind.
    assert!(matches!(p[3], Change::Key { .. }));
}

#[test]
fn an_unmeasured_clock_offset_is_probed_at_zero() {
    let mut b = base();
    b.clock_offset = -600;
    assert_eq!(b.candidates(Kind::Clock), [Change::ClockOffset(0)]);
    let p = plan(&b, &[cause("clock-offset-set", Severity::Error)]);
    assert_eq!(p[0], Change::ClockOffset(0));
    b.measured_offset = Some(0);
    assert_eq!(b.candidates(Kind::Clock), [Change::ClockOffset(0)]);
    b.clock_offset = 0;
    assert!(b.candidates(Kind::Clock).is_empty());
}

#[test]
fn small_offsets_and_ec_keys_are_not_probed() {
    let mut b = base();
    b.alg = Alg::ES256;
    b.measured_offset = Some(1);
    assert!(b.candidates(Kind::Alg).is_empty());
    assert!(b.candidates(Kind::Clock).is_empty());
    b.lifetime = 30;
    assert!(b.candidates(Kind::Lifetime).is_empty());
    b.lifetime = 45;
    assert_eq!(b.candidates(Kind::Lifetime), [Change::Lifetime(30)]);
}

fn refused() -> Outcome {
    Outcome::Refused {
        status: 403,
        error: None,
        description: None,
    }
}

#[test]
fn probing_stops_at_the_first_success_and_reports_it() {
    let b = base();
    let causes = [cause("aud-maybe", Severity::Warning)];
    let p = plan(&b, &causes);
    let mut sent_n = 0;
    let mut seen = Vec::new();
    let probes = run(
        &p,
        |c| {
            sent_n += 1;
            if *c == Change::Lifetime(30) {
                Outcome::Accepted
            } else {
                refused()
            }
        },
        |i, _| seen.push(i),
    );
    assert_eq!(sent_n, 5);
    assert_eq!(seen, [0, 1, 2, 3, 4]);
    let f = fix(&b, &causes, &probes).unwrap();
    assert!(f.verified);
    assert_eq!(f.to_json()["changes"], serde_json::json!({"lifetime": 30}));
    assert_eq!(
        f.message,
        "the server accepts the request with lifetime 30 s instead of lifetime 60 s"
    );
    assert_eq!(ruled_out(&b, &probes).len(), 4);
}

#[test]
fn after_probing_the_verified_change_leads_and_ruled_out_causes_follow() {
    let b = base();
    let mut causes = vec![
        cause("aud-maybe", Severity::Warning),
        cause("typ-unexpected", Severity::Warning),
        cause("lifetime-long", Severity::Warning),
    ];
    let p = plan(&b, &causes);
    let probes = run(
        &p,
        |c| {
            if *c == Change::Lifetime(30) {
                Outcome::Accepted
            } else {
                refused()
            }
        },
        |_, _| {},
    );
    let f = fix(&b, &causes, &probes);
    rerank(&mut causes, &probes, f.as_ref());
    let codes: Vec<_> = causes.iter().map(|c| c.code).collect();
    assert_eq!(
        codes,
        [
            "verified-by-probing",
            "lifetime-long",
            "aud-maybe",
            "typ-unexpected"
        ]
    );
    // No probes: nothing moves.
    let mut same = vec![cause("aud-maybe", Severity::Warning)];
    rerank(&mut same, &[], None);
    assert_eq!(same[0].code, "aud-maybe");
}

#[test]
fn probing_stops_on_429_and_nothing_is_verified() {
    let b = base();
    let p = plan(&b, &[]);
    let probes = run(
        &p,
        |c| match c {
            Change::Aud(Aud::Endpoint) => refused(),
            _ => Outcome::Stopped {
                status: Some(429),
                reason: "429 Too Many Requests".into(),
                retry_after: Some(30),
            },
        },
        |_, _| {},
    );
    assert_eq!(probes.len(), 2);
    assert_eq!(sent(&probes), 2);
    assert_eq!(fix(&b, &[], &probes), None);
    assert_eq!(
        probes[1].outcome.describe(),
        "stopped: 429 Too Many Requests (retry after 30 s)"
    );
}

#[test]
fn a_certain_cause_gives_an_unverified_fix() {
    let mut b = base();
    b.measured_offset = Some(600);
    let causes = [cause("clock-skew", Severity::Error)];
    let f = fix(&b, &causes, &[]).unwrap();
    assert!(!f.verified);
    assert_eq!(f.change, Change::ClockOffset(600));
    // A warning is a guess: no fix without a probe.
    assert_eq!(fix(&b, &[cause("aud-maybe", Severity::Warning)], &[]), None);
    // Ruled out by a probe: not offered.
    let probes = [Probe {
        change: Change::ClockOffset(600),
        outcome: refused(),
    }];
    assert_eq!(fix(&b, &causes, &probes), None);
}

#[test]
fn a_probe_has_a_fresh_jti_and_its_change_wins_over_claims() {
    let mut ks = Keystore::new();
    ks.entries
        .push(crate::diagnose::test_support::entry(Alg::ES256, "k1", 30));
    let mut extra = Map::new();
    extra.insert("jti".into(), "fixed".into());
    extra.insert("aud".into(), "https://elsewhere".into());
    let base = Client {
        client_id: "c".into(),
        issuer: Some(ISS.into()),
        signer: Signer::new(&ks.entries[0], Alg::ES256).unwrap(),
        aud: Aud::Issuer,
        endpoints: [("token_endpoint".to_string(), TOKEN.to_string())].into(),
        lifetime: 60,
        typ: None,
        x5t: None,
        nbf: false,
        extra_claims: extra,
        clock_offset: 0,
        send_client_id: true,
        auth: Default::default(),
        dpop: None,
    };
    let c = Change::Aud(Aud::TokenEndpoint).apply(&base, &ks).unwrap();
    let (_, claims) = crate::oauth::assertion::decode_unverified(&c.mint(TOKEN).unwrap()).unwrap();
    assert_eq!(claims["aud"], TOKEN);
    assert_ne!(claims["jti"], "fixed");
    // Another change keeps a hand-given aud, never a fixed jti.
    let c = Change::Lifetime(30).apply(&base, &ks).unwrap();
    let (_, claims) = crate::oauth::assertion::decode_unverified(&c.mint(TOKEN).unwrap()).unwrap();
    assert_eq!(claims["aud"], "https://elsewhere");
    assert_ne!(claims["jti"], "fixed");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        30
    );
    // A key that is not in the keystore is an error, not a panic.
    let gone = Change::Key {
        kid: "gone".into(),
        alg: Alg::ES256,
    };
    assert!(gone.apply(&base, &ks).is_err());
}

#[test]
fn only_refusals_of_the_client_are_probed() {
    for e in [
        None,
        Some("invalid_client"),
        Some("invalid_request"),
        Some("unauthorized_client"),
    ] {
        assert!(refusal_worth_probing(e), "{e:?}");
    }
    for e in [
        Some("invalid_scope"),
        Some("unsupported_grant_type"),
        Some("invalid_grant"),
    ] {
        assert!(!refusal_worth_probing(e), "{e:?}");
    }
}

#[test]
fn a_change_goes_into_a_profile_alone() {
    let mut p = crate::profile::Profile::default();
    Change::Aud(Aud::TokenEndpoint).apply_to_profile(&mut p, "k1");
    assert_eq!(p.aud.as_deref(), Some("token-endpoint"));
    assert_eq!((p.kid.as_deref(), p.lifetime), (None, None));
    Change::Alg(Alg::PS256).apply_to_profile(&mut p, "k1");
    assert_eq!(
        (p.kid.as_deref(), p.alg.as_deref()),
        (Some("k1"), Some("PS256"))
    );
    Change::Typ(None).apply_to_profile(&mut p, "k1");
    assert_eq!(p.typ.as_deref(), Some(""));
    Change::ClientIdParam(false).apply_to_profile(&mut p, "k1");
    assert_eq!(p.client_id_param, Some(false));
}

#[test]
fn a_cause_no_change_can_cure_stops_probing() {
    let top = [cause("auth-method-mismatch", Severity::Error)];
    assert!(not_worth_probing(&top).is_some());
    assert!(not_worth_probing(&[cause("aud-maybe", Severity::Warning)]).is_none());
    assert!(not_worth_probing(&[]).is_none());
}

#[test]
fn changes_have_flags_and_json() {
    let c = Change::Key {
        kid: "k".into(),
        alg: Alg::PS256,
    };
    assert_eq!(c.flags(), ["--kid", "k", "--alg", "PS256"]);
    assert_eq!(
        Value::Object(c.changes()),
        serde_json::json!({"kid": "k", "alg": "PS256"})
    );
    assert_eq!(
        Value::Object(Change::Typ(None).changes()),
        serde_json::json!({"typ": null})
    );
    assert_eq!(Change::Typ(None).flags(), ["--no-typ"]);
    assert_eq!(Change::ClientIdParam(false).flags(), ["--no-client-id"]);
}
