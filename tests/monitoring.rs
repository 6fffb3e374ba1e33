//! The operator's kit in k8s/monitoring/: the Grafana dashboard and the
//! alert rules query only series a real `herald api` and `herald worker`
//! export, every label matcher selects something, the rules parse and pass
//! their unit tests (promtool), the PrometheusRule carries the same rules,
//! and every alert's runbook section exists in docs/operations.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;

use crate::helpers::{TestEnv, free_port, herald_bin, sweep, token, wait_for_200};

const REPO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

fn repo_file(path: &str) -> PathBuf {
    Path::new(REPO).join(path)
}

fn read(path: &str) -> String {
    std::fs::read_to_string(repo_file(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn yaml(path: &str) -> Value {
    serde_norway::from_str(&read(path)).unwrap_or_else(|e| panic!("{path} is not YAML: {e}"))
}

const RULES: &str = "k8s/monitoring/herald-alerts.rules.yaml";
const RULE_TESTS: &str = "k8s/monitoring/herald-alerts.test.yaml";
const PROMETHEUS_RULE: &str = "k8s/monitoring/herald-prometheusrule.yaml";
const DASHBOARD: &str = "k8s/monitoring/grafana-dashboard.json";
const RUNBOOK: &str = "docs/operations.md";

fn promtool() -> String {
    std::env::var("HERALD_PROMTOOL").unwrap_or_else(|_| {
        panic!(
            "HERALD_PROMTOOL is not set: run the suite with scripts/test, which installs promtool"
        )
    })
}

// ---------------------------------------------------------------- queries

/// Every PromQL expression of the rules file, with where it comes from.
fn rule_expressions() -> Vec<(String, String)> {
    let rules = yaml(RULES);
    let mut found = Vec::new();
    for group in rules["groups"].as_array().expect("groups") {
        for rule in group["rules"].as_array().expect("rules") {
            let name = rule["alert"].as_str().or(rule["record"].as_str());
            let expr = rule["expr"].as_str().expect("expr");
            found.push((format!("rule {}", name.expect("named")), expr.to_owned()));
        }
    }
    found
}

/// The dashboard's panels, those inside collapsed rows included.
fn dashboard_panels(dashboard: &Value) -> Vec<&Value> {
    let mut panels = Vec::new();
    for panel in dashboard["panels"].as_array().expect("panels") {
        panels.push(panel);
        panels.extend(panel["panels"].as_array().into_iter().flatten());
    }
    panels
}

/// Every PromQL expression of the dashboard: panel targets and query
/// variables.
fn dashboard_expressions() -> Vec<(String, String)> {
    let dashboard: Value = serde_json::from_str(&read(DASHBOARD)).expect("dashboard JSON");
    let mut found = Vec::new();
    for panel in dashboard_panels(&dashboard) {
        for target in panel["targets"].as_array().into_iter().flatten() {
            let expr = target["expr"].as_str().expect("target expr");
            found.push((
                format!("panel {:?}", panel["title"].as_str().unwrap_or_default()),
                expr.to_owned(),
            ));
        }
    }
    for variable in dashboard["templating"]["list"]
        .as_array()
        .expect("templating")
    {
        if variable["type"] == "query" {
            let query = variable["query"]["query"]
                .as_str()
                .or(variable["query"].as_str())
                .expect("query variable");
            found.push((format!("variable {}", variable["name"]), query.to_owned()));
        }
    }
    found
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Matcher {
    label: String,
    op: &'static str,
    value: String,
}

/// A series selector: a metric name and its label matchers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Selector {
    metric: String,
    matchers: Vec<Matcher>,
}

const AGGREGATIONS: &[&str] = &[
    "sum",
    "min",
    "max",
    "avg",
    "group",
    "stddev",
    "stdvar",
    "count",
    "count_values",
    "bottomk",
    "topk",
    "quantile",
    "limitk",
    "limit_ratio",
];
/// Keywords followed by a parenthesised list of label names.
const LABEL_LIST_KEYWORDS: &[&str] = &[
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
];
const KEYWORDS: &[&str] = &[
    "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
];

/// The series selectors of a PromQL expression (or of a Grafana
/// `label_values(selector, label)` query). A small tokenizer, not a parser:
/// strings, `[range]`s, numbers and durations, Grafana `$variables` and
/// label lists after `by`/`on`/... are skipped; an identifier followed by
/// `(` is a function; any other identifier that is not a keyword or an
/// aggregation is a metric name, with the matchers in the `{...}` after it.
fn selectors(expr: &str) -> Vec<Selector> {
    let expr = match expr.trim().strip_prefix("label_values(") {
        // label_values(selector, label): the label is not a metric.
        Some(args) => args.rsplit_once(',').map_or(args, |(selector, _)| selector),
        None => expr,
    };
    let chars: Vec<char> = expr.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    let skip_ws = |mut i: usize| {
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        i
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '"' || c == '\'' || c == '`' {
            i = read_string(&chars, i).1;
        } else if c == '[' {
            i = skip_balanced(&chars, i, '[', ']');
        } else if c == '$' {
            i += 1;
            if chars.get(i) == Some(&'{') {
                i = skip_balanced(&chars, i, '{', '}');
            } else {
                while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
            }
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(char::is_ascii_digit))
        {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '.') {
                i += 1;
            }
        } else if c.is_ascii_alphabetic() || c == '_' || c == ':' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == ':')
            {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let next = skip_ws(i);
            if LABEL_LIST_KEYWORDS.contains(&word.as_str()) {
                if chars.get(next) == Some(&'(') {
                    i = skip_balanced(&chars, next, '(', ')');
                }
            } else if KEYWORDS.contains(&word.to_lowercase().as_str())
                || AGGREGATIONS.contains(&word.as_str())
                || chars.get(next) == Some(&'(')
            {
                // A keyword, an aggregation or a function.
            } else {
                let mut matchers = Vec::new();
                if chars.get(next) == Some(&'{') {
                    (matchers, i) = read_matchers(&chars, next);
                }
                found.push(Selector {
                    metric: word,
                    matchers,
                });
            }
        } else if c == '{' {
            let (matchers, end) = read_matchers(&chars, i);
            let name = matchers
                .iter()
                .find(|m| m.label == "__name__" && m.op == "=")
                .unwrap_or_else(|| panic!("a selector without a metric name in {expr:?}"));
            found.push(Selector {
                metric: name.value.clone(),
                matchers: matchers
                    .iter()
                    .filter(|m| m.label != "__name__")
                    .cloned()
                    .collect(),
            });
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

/// Index after the bracket that closes the one at `open`.
fn skip_balanced(chars: &[char], open: usize, left: char, right: char) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < chars.len() {
        match chars[i] {
            c if c == left => depth += 1,
            c if c == right => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            '"' | '\'' | '`' => {
                i = read_string(chars, i).1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    panic!(
        "unbalanced {left} in {:?}",
        chars.iter().collect::<String>()
    )
}

/// The string literal at `start` (unescaped) and the index after it.
fn read_string(chars: &[char], start: usize) -> (String, usize) {
    let quote = chars[start];
    let mut value = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        match chars[i] {
            '\\' if quote != '`' => {
                i += 1;
                value.push(match chars.get(i) {
                    Some('n') => '\n',
                    Some('t') => '\t',
                    Some(&c) => c,
                    None => break,
                });
            }
            c if c == quote => return (value, i + 1),
            c => value.push(c),
        }
        i += 1;
    }
    panic!(
        "unterminated string in {:?}",
        chars.iter().collect::<String>()
    )
}

/// The matchers of the `{...}` at `open`, and the index after it.
fn read_matchers(chars: &[char], open: usize) -> (Vec<Matcher>, usize) {
    let mut matchers = Vec::new();
    let mut i = open + 1;
    loop {
        while i < chars.len() && (chars[i].is_whitespace() || chars[i] == ',') {
            i += 1;
        }
        match chars.get(i) {
            Some('}') => return (matchers, i + 1),
            None => panic!("unclosed {{ in {:?}", chars.iter().collect::<String>()),
            _ => {}
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
            i += 1;
        }
        let label: String = chars[start..i].iter().collect();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let op = ["=~", "!~", "!=", "="]
            .into_iter()
            .find(|op| chars[i..].iter().take(op.len()).copied().eq(op.chars()))
            .unwrap_or_else(|| panic!("no matcher operator after {label:?}"));
        i += op.len();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let (value, end) = read_string(chars, i);
        i = end;
        matchers.push(Matcher { label, op, value });
    }
}

#[test]
fn the_tokenizer_finds_selectors_and_skips_the_rest() {
    let found = selectors(
        r#"histogram_quantile(0.99, sum by (le, queue) (rate(a_seconds_bucket{queue=~".+[.](dead|parked)", x!="}"}[$__rate_interval] offset 5m)))
           / on (instance) group_left (pool) max without (le) (b_total) > bool 2e3 and c:recorded{outcome='it\'s'} unless {__name__="d", e!~`\w+`}
           or sum(increase(f_total{y="$var"}[${__range}:1m]))"#,
    );
    let show: Vec<String> = found
        .iter()
        .map(|s| {
            let matchers: Vec<String> = s
                .matchers
                .iter()
                .map(|m| format!("{}{}{}", m.label, m.op, m.value))
                .collect();
            format!("{}{{{}}}", s.metric, matchers.join(","))
        })
        .collect();
    assert_eq!(
        show,
        [
            "a_seconds_bucket{queue=~.+[.](dead|parked),x!=}}",
            "b_total{}",
            "c:recorded{outcome=it's}",
            r"d{e!~\w+}",
            "f_total{y=$var}",
        ]
    );
    assert_eq!(
        selectors("label_values(herald_queue_depth_messages{queue!=\"\"}, queue)"),
        [Selector {
            metric: "herald_queue_depth_messages".into(),
            matchers: vec![Matcher {
                label: "queue".into(),
                op: "!=",
                value: String::new()
            }],
        }]
    );
}

// ------------------------------------------------------------- exposition

/// Series in a Prometheus text exposition: name → label sets.
type Series = BTreeMap<String, Vec<BTreeMap<String, String>>>;

fn parse_exposition(text: &str, into: &mut Series) {
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let chars: Vec<char> = line.chars().collect();
        let name_end = chars
            .iter()
            .position(|&c| c == '{' || c == ' ')
            .expect("a sample line has a value");
        let name: String = chars[..name_end].iter().collect();
        let mut labels = BTreeMap::new();
        if chars[name_end] == '{' {
            let mut i = name_end + 1;
            while chars[i] != '}' {
                let start = i;
                while chars[i] != '=' {
                    i += 1;
                }
                let label: String = chars[start..i].iter().collect();
                let (value, end) = read_string(&chars, i + 1);
                labels.insert(label.trim_matches(',').to_owned(), value);
                i = end;
                if chars[i] == ',' {
                    i += 1;
                }
            }
        }
        into.entry(name).or_default().push(labels);
    }
}

fn matches(matcher: &Matcher, labels: &BTreeMap<String, String>) -> bool {
    let value = labels.get(&matcher.label).map_or("", String::as_str);
    let regex = || regex::Regex::new(&format!("^(?:{})$", matcher.value)).expect("matcher regex");
    match matcher.op {
        "=" => value == matcher.value,
        "!=" => value != matcher.value,
        "=~" => regex().is_match(value),
        "!~" => !regex().is_match(value),
        op => unreachable!("{op}"),
    }
}

/// What is wrong with a selector against `series`: the metric is missing, a
/// label it matches on is on none of its series, or no series matches all
/// its matchers. Matchers on Grafana variables only need the label.
fn problem(selector: &Selector, series: &Series) -> Option<String> {
    let Some(sets) = series.get(&selector.metric) else {
        return Some(format!("{} is not exported", selector.metric));
    };
    for m in &selector.matchers {
        if !sets.iter().any(|labels| labels.contains_key(&m.label)) {
            return Some(format!("{} has no label {}", selector.metric, m.label));
        }
    }
    let checked: Vec<&Matcher> = selector
        .matchers
        .iter()
        .filter(|m| !m.value.contains('$'))
        .collect();
    if !sets
        .iter()
        .any(|labels| checked.iter().all(|m| matches(m, labels)))
    {
        return Some(format!(
            "no series of {} matches {:?}",
            selector.metric, checked
        ));
    }
    None
}

// ----------------------------------------------------------------- the app

struct Process {
    child: tokio::process::Child,
    ops: String,
}

fn spawn(env: &TestEnv, role: &str, extra: Vec<(&'static str, String)>) -> Process {
    let settings = env.settings();
    let ops = format!("127.0.0.1:{}", free_port());
    let child = tokio::process::Command::new(herald_bin())
        .arg(role)
        .envs(env.child_env(&settings))
        .env("HERALD_METRICS_ADDR", &ops)
        .envs(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn herald");
    Process {
        child,
        ops: format!("http://{ops}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dashboard_and_the_alerts_query_only_series_herald_exports() {
    // Arrange: `herald api` and `herald worker` as real processes, each
    // serving its own /metrics.
    let env = TestEnv::new().await;
    let fixture = env.fixture().await;
    let port = free_port();
    let mut worker = spawn(&env, "worker", vec![]);
    let mut api = spawn(
        &env,
        "api",
        vec![("HERALD_HTTP_ADDR", format!("127.0.0.1:{port}"))],
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let ready = Duration::from_secs(30);
    wait_for_200(&client, &format!("{base}/readyz"), ready).await;
    wait_for_200(&client, &format!("{}/readyz", worker.ops), ready).await;

    // Act: a little traffic of each kind (test keys are delivered by the
    // simulator, so statuses and deliveries move), then scrape both.
    let email = |to: &str| {
        serde_json::json!({
            "email_address": to,
            "template_id": fixture.email_template,
            "personalisation": {"name": "Ann", "code": "1"},
        })
    };
    let sms = serde_json::json!({
        "phone_number": "07700900123",
        "template_id": fixture.sms_template,
        "personalisation": {"code": "2"},
    });
    let sends = [
        ("email", &fixture.test_key, email("a@example.com")),
        ("email", &fixture.normal_key, email("b@example.com")),
        ("sms", &fixture.test_key, sms),
    ];
    let mut sent = Vec::new();
    for (kind, key, body) in sends {
        let response = client
            .post(format!("{base}/v2/notifications/{kind}"))
            .bearer_auth(token(key))
            .json(&body)
            .send()
            .await
            .expect("send");
        assert_eq!(response.status(), 201, "{kind}");
        let id = response.json::<Value>().await.expect("json")["id"]
            .as_str()
            .expect("id")
            .to_owned();
        sent.push((key, id));
    }
    env.wait_for_rows(sent.len(), Duration::from_secs(30)).await;
    for (key, id) in &sent {
        let read = client
            .get(format!("{base}/v2/notifications/{id}"))
            .bearer_auth(token(key))
            .send()
            .await
            .expect("read");
        assert_eq!(read.status(), 200, "{id}");
    }
    let used: Vec<(String, Selector)> = rule_expressions()
        .into_iter()
        .chain(dashboard_expressions())
        .flat_map(|(place, expr)| {
            selectors(&expr)
                .into_iter()
                .map(move |selector| (place.clone(), selector))
        })
        .collect();
    assert!(used.len() >= 30, "{used:?}");
    // Some series appear only once the work they count is done (a
    // simulated receipt comes back a second late; depths are sampled every
    // 5 s): scrape until every selector is satisfied, or the deadline.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let (problems, series) = loop {
        let mut series = Series::new();
        for ops in [&api.ops, &worker.ops] {
            let text = client
                .get(format!("{ops}/metrics"))
                .send()
                .await
                .expect("scrape")
                .text()
                .await
                .expect("metrics text");
            parse_exposition(&text, &mut series);
        }
        let problems: BTreeSet<String> = used
            .iter()
            .filter_map(|(place, selector)| {
                problem(selector, &series).map(|p| format!("{place}: {p}"))
            })
            .collect();
        if problems.is_empty() || tokio::time::Instant::now() >= deadline {
            break (problems, series);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    };

    // Assert
    assert!(
        problems.is_empty(),
        "{} problems:\n{}\nexported: {:?}",
        problems.len(),
        problems.into_iter().collect::<Vec<_>>().join("\n"),
        series.keys().collect::<Vec<_>>()
    );
    // The held-message panels and HeraldDeadLetterQueueGrowing rely on the
    // dead-letter and parking queues being sampled.
    let depths = &series["herald_queue_depth_messages"];
    for queue in [
        env.topology()
            .dead_queue_for(&env.topology().persist_queue()),
        env.topology()
            .parked_queue_for(&env.topology().callbacks_queue()),
    ] {
        assert!(
            depths.iter().any(|labels| labels["queue"] == queue),
            "{queue} is not sampled: {depths:?}"
        );
    }
    for process in [&mut api, &mut worker] {
        process.child.start_kill().expect("kill");
        let _ = process.child.wait().await;
    }
    sweep::delete_queues(&env.topology().all_queues()).await;
}

// ------------------------------------------------------------------ files

#[test]
fn the_rules_parse_and_pass_their_unit_tests_and_the_dashboard_queries_parse() {
    let promtool = promtool();
    let run = |args: &[&str]| {
        let output = std::process::Command::new(&promtool)
            .args(args)
            .current_dir(REPO)
            .output()
            .expect("run promtool");
        assert!(
            output.status.success(),
            "promtool {args:?}:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run(&["check", "rules", RULES]);
    run(&["test", "rules", RULE_TESTS]);
    // promtool parses PromQL only in rule files: the dashboard's queries,
    // with Grafana's interval variables given a value, as recording rules.
    let mut rules = String::from("groups:\n  - name: dashboard\n    rules:\n");
    for (n, (_, expr)) in dashboard_expressions().iter().enumerate() {
        let expr = expr
            .replace("$__rate_interval", "5m")
            .replace("$__interval", "1m")
            .replace("${__range}", "1h")
            .replace("$__range", "1h");
        rules.push_str(&format!(
            "      - record: dashboard:query_{n}\n        expr: {}\n",
            serde_json::to_string(&expr).expect("quote")
        ));
    }
    let file = Path::new(env!("CARGO_TARGET_TMPDIR")).join("herald-dashboard-queries.rules.yaml");
    std::fs::write(&file, rules).expect("write");
    run(&["check", "rules", file.to_str().expect("utf-8 path")]);
}

#[test]
fn the_prometheusrule_carries_the_plain_rules() {
    let manifest = yaml(PROMETHEUS_RULE);
    assert_eq!(manifest["apiVersion"], "monitoring.coreos.com/v1");
    assert_eq!(manifest["kind"], "PrometheusRule");
    assert_eq!(manifest["metadata"]["name"], "herald");
    assert_eq!(
        manifest["spec"]["groups"],
        yaml(RULES)["groups"],
        "{PROMETHEUS_RULE} spec.groups must equal the groups of {RULES}"
    );
}

/// GitHub's anchor for a Markdown heading.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

#[test]
fn every_alert_has_a_severity_a_summary_and_a_runbook_section() {
    let runbook = read(RUNBOOK);
    let anchors: BTreeSet<String> = runbook
        .lines()
        .filter_map(|line| line.strip_prefix("### ").or(line.strip_prefix("## ")))
        .map(anchor)
        .collect();
    let rules = yaml(RULES);
    let mut alerts = 0;
    for rule in rules["groups"][0]["rules"].as_array().expect("rules") {
        let name = rule["alert"].as_str().expect("an alert");
        alerts += 1;
        assert!(
            ["warning", "critical"]
                .contains(&rule["labels"]["severity"].as_str().unwrap_or_default()),
            "{name}: severity"
        );
        assert!(
            rule["annotations"]["summary"].is_string(),
            "{name}: summary"
        );
        assert!(
            rule["annotations"]["description"].is_string(),
            "{name}: description"
        );
        let url = rule["annotations"]["runbook_url"]
            .as_str()
            .expect("runbook_url");
        assert_eq!(
            url,
            format!("{RUNBOOK}#{}", name.to_lowercase()),
            "{name}: runbook_url"
        );
        assert!(
            anchors.contains(&name.to_lowercase()),
            "{RUNBOOK} has no section `### {name}`"
        );
    }
    assert!(alerts >= 7);
}

#[test]
fn the_dashboard_imports_as_is() {
    let dashboard: Value = serde_json::from_str(&read(DASHBOARD)).expect("dashboard JSON");
    // No `__inputs` to fill in: the panels use a datasource variable, which
    // Grafana's import (UI, API or provisioning) resolves on its own.
    assert!(dashboard.get("__inputs").is_none());
    assert!(
        dashboard["id"].is_null(),
        "an exported id would clash on import"
    );
    let variables = dashboard["templating"]["list"]
        .as_array()
        .expect("templating");
    assert!(
        variables.iter().any(|v| v["name"] == "datasource"
            && v["type"] == "datasource"
            && v["query"] == "prometheus"),
        "a Prometheus datasource variable named datasource"
    );
    let expected = serde_json::json!({"type": "prometheus", "uid": "${datasource}"});
    let mut ids = BTreeSet::new();
    for panel in dashboard_panels(&dashboard) {
        let title = &panel["title"];
        assert!(
            ids.insert(panel["id"].as_u64().expect("numeric id")),
            "{title}: duplicate id"
        );
        let grid = &panel["gridPos"];
        let (x, w) = (
            grid["x"].as_u64().expect("x"),
            grid["w"].as_u64().expect("w"),
        );
        assert!(
            x + w <= 24 && grid["h"].as_u64().is_some() && grid["y"].as_u64().is_some(),
            "{title}: gridPos"
        );
        if panel["type"] == "row" {
            continue;
        }
        assert_eq!(panel["datasource"], expected, "{title}");
        let targets = panel["targets"].as_array().expect("targets");
        assert!(!targets.is_empty(), "{title}");
        for target in targets {
            assert_eq!(target["datasource"], expected, "{title}");
            assert!(
                target["refId"].is_string() && target["expr"].is_string(),
                "{title}"
            );
        }
    }
}
