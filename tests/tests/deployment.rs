//! How visadesk is deployed: the Kubernetes manifests (`deploy/kubernetes/`), the container
//! image's and the compose file's health checks, and the hardened systemd unit. The manifests
//! are rendered by kustomize and validated against the Kubernetes schemas by an independent
//! tool (`tests/deployment/render_manifests.py`, with Python's `kubernetes-validate`); the
//! unit is scored by `systemd-analyze security`. What is asserted here is what an operator
//! relies on: each process type runs with the settings it needs, probes reach the real
//! health routes, every replica reads the same keys, and a pod stops gracefully.

use clap::Parser;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use visadesk_gateway::cli::{Cli, run};
use visadesk_gateway::config::{RawSettings, Settings, env_name};
use visadesk_tests::{TestDb, spawn_app};

const INSTALL_VALIDATOR: &str = "install kubernetes-validate and PyYAML \
     (`python3 -m pip install kubernetes-validate pyyaml`; `bash deploy/local/test.sh` does it)";
const INSTALL_SYSTEMD: &str = "install systemd-analyze (Debian package `systemd`; \
     `bash deploy/local/test.sh` does it)";

/// How long `serve` may take to stop after SIGTERM: requests in flight end within the
/// 30-second request timeout (docs/architecture.md, "HTTP"), then queued Telegram turns get
/// up to 10 seconds (docs/architecture.md, "Start-up").
const SHUTDOWN_SECONDS: i64 = 30 + 10;

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The objects of each kustomization directory (relative to the repository), rendered and
/// validated by `render_manifests.py`.
fn rendered(directories: &[&str]) -> BTreeMap<String, Vec<Value>> {
    let output = Command::new("python3")
        .arg("tests/deployment/render_manifests.py")
        .args(directories)
        .current_dir(repository())
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3: {e}; {INSTALL_VALIDATOR}"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the manifests do not validate:\n{stderr}"
    );
    let answer: Value = serde_json::from_slice(&output.stdout).expect("the renderer prints JSON");
    println!("rendered with {}", answer["renderer"]);
    serde_json::from_value(answer["rendered"].clone()).unwrap()
}

fn object<'a>(objects: &'a [Value], kind: &str, name: &str) -> &'a Value {
    objects
        .iter()
        .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
        .unwrap_or_else(|| panic!("no {kind} {name}"))
}

fn selects(selector: &Value, labels: &Value) -> bool {
    let wanted = selector["matchLabels"]
        .as_object()
        .expect("a matchLabels selector");
    !wanted.is_empty() && wanted.iter().all(|(k, v)| &labels[k] == v)
}

/// The environment a Deployment's container starts with: its ConfigMap and Secret
/// (`envFrom`), then its own `env` entries.
fn environment(objects: &[Value], deployment: &Value) -> Vec<(String, String)> {
    let container = &deployment["spec"]["template"]["spec"]["containers"][0];
    let mut env = Vec::new();
    for source in container["envFrom"].as_array().into_iter().flatten() {
        let (kind, data) = match (&source["configMapRef"], &source["secretRef"]) {
            (Value::Object(r), _) => (
                object(objects, "ConfigMap", r["name"].as_str().unwrap()),
                "data",
            ),
            (_, Value::Object(r)) => (
                object(objects, "Secret", r["name"].as_str().unwrap()),
                "stringData",
            ),
            _ => panic!("envFrom {source}"),
        };
        for (name, value) in kind[data].as_object().into_iter().flatten() {
            env.push((name.clone(), value.as_str().unwrap().to_string()));
        }
    }
    for var in container["env"].as_array().into_iter().flatten() {
        let value = var["value"]
            .as_str()
            .unwrap_or_else(|| panic!("{var} has a value"));
        env.retain(|(name, _)| name != var["name"].as_str().unwrap());
        env.push((var["name"].as_str().unwrap().into(), value.into()));
    }
    env
}

fn value_of<'a>(env: &'a [(String, String)], name: &str) -> Option<&'a str> {
    env.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// What every visadesk pod must have, web or dispatcher.
fn check_pod(objects: &[Value], deployment: &Value) -> Settings {
    let name = deployment["metadata"]["name"].as_str().unwrap();
    let pod = &deployment["spec"]["template"]["spec"];
    let container = &pod["containers"][0];
    assert_eq!(
        container["livenessProbe"]["httpGet"]["path"], "/healthz",
        "{name}"
    );
    assert_eq!(
        container["readinessProbe"]["httpGet"]["path"], "/readyz",
        "{name}"
    );
    assert_eq!(
        container["startupProbe"]["httpGet"]["path"], "/healthz",
        "{name}"
    );
    for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
        let port = &container[probe]["httpGet"]["port"];
        assert!(
            container["ports"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| &p["name"] == port),
            "{name}: {probe} names a port of the container"
        );
    }
    for resources in ["requests", "limits"] {
        for what in ["cpu", "memory"] {
            assert!(
                container["resources"][resources][what].is_string(),
                "{name}: {resources}.{what}"
            );
        }
    }
    assert_eq!(pod["securityContext"]["runAsNonRoot"], true, "{name}");
    assert!(
        pod["securityContext"]["runAsUser"].as_i64().unwrap() > 0,
        "{name}"
    );
    assert_eq!(pod["automountServiceAccountToken"], false, "{name}");
    let security = &container["securityContext"];
    assert_eq!(security["readOnlyRootFilesystem"], true, "{name}");
    assert_eq!(security["allowPrivilegeEscalation"], false, "{name}");
    assert_eq!(
        security["capabilities"]["drop"],
        serde_json::json!(["ALL"]),
        "{name}"
    );

    // SIGTERM comes after the preStop pause (the endpoints are gone by then); the pod gets
    // the whole graceful shutdown after it.
    let pause = container["lifecycle"]["preStop"]["exec"]["command"]
        .as_array()
        .and_then(|c| c.last())
        .and_then(|s| s.as_str()?.parse::<i64>().ok())
        .unwrap_or(0);
    let grace = pod["terminationGracePeriodSeconds"].as_i64().unwrap();
    assert!(
        grace >= pause + SHUTDOWN_SECONDS,
        "{name}: {grace} s of grace for a {pause} s pause and {SHUTDOWN_SECONDS} s of shutdown"
    );

    // Every name set is a real setting (or RUST_LOG), and the whole set parses.
    let env = environment(objects, deployment);
    let known: Vec<String> = RawSettings::field_names()
        .iter()
        .map(|f| env_name(f))
        .chain(["RUST_LOG".to_string()])
        .collect();
    for (var, _) in &env {
        assert!(known.contains(var), "{name}: {var} is not a setting");
    }
    let settings = Settings::load_from(None, &env)
        .unwrap_or_else(|e| panic!("{name}: its settings do not parse: {e}"));

    // The data directory and the signing key: writable volume, key from the shared Secret.
    let mounts = container["volumeMounts"].as_array().unwrap();
    let volume = |mount: &Value| {
        pod["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["name"] == mount["name"])
            .unwrap()
            .clone()
    };
    let data = mounts
        .iter()
        .find(|m| Path::new(m["mountPath"].as_str().unwrap()) == settings.data_dir)
        .unwrap_or_else(|| panic!("{name}: {} is mounted", settings.data_dir.display()));
    assert_ne!(
        data["readOnly"], true,
        "{name}: the data directory is writable"
    );
    assert!(volume(data)["emptyDir"].is_object(), "{name}: data volume");
    let key = mounts
        .iter()
        .find(|m| {
            settings
                .signing_key_file
                .starts_with(m["mountPath"].as_str().unwrap())
        })
        .unwrap_or_else(|| panic!("{name}: the signing key file is mounted"));
    assert_eq!(key["readOnly"], true, "{name}");
    let key_secret = volume(key)["secret"].clone();
    let file = settings
        .signing_key_file
        .file_name()
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        key_secret["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|item| item["path"] == file),
        "{name}: the Secret provides {file}"
    );
    let secret = object(
        objects,
        "Secret",
        key_secret["secretName"].as_str().unwrap(),
    );
    assert!(
        secret["stringData"][file].is_string(),
        "the Secret has {file}"
    );
    settings
}

/// The web replicas and the one dispatcher of a rendered kustomization.
fn check_deployment(objects: &[Value]) {
    let web = object(objects, "Deployment", "visadesk-web");
    let dispatcher = object(objects, "Deployment", "visadesk-dispatcher");
    let web_pods = &web["spec"]["template"]["metadata"]["labels"];
    let dispatcher_pods = &dispatcher["spec"]["template"]["metadata"]["labels"];
    assert!(selects(&web["spec"]["selector"], web_pods));
    assert!(selects(&dispatcher["spec"]["selector"], dispatcher_pods));
    assert!(
        !selects(&web["spec"]["selector"], dispatcher_pods)
            && !selects(&dispatcher["spec"]["selector"], web_pods),
        "each Deployment owns only its own pods"
    );

    let web_settings = check_pod(objects, web);
    assert!(web["spec"]["replicas"].as_i64().unwrap() >= 2);
    assert!(
        !web_settings.notifications.dispatcher,
        "web replicas send no notifications"
    );
    assert!(
        !web_settings.notifications.scheduler,
        "web replicas fire no jobs"
    );
    let dispatcher_settings = check_pod(objects, dispatcher);
    assert_eq!(dispatcher["spec"]["replicas"], 1);
    assert_eq!(
        dispatcher["spec"]["strategy"]["type"], "Recreate",
        "never two at once"
    );
    assert!(dispatcher_settings.notifications.dispatcher);
    assert!(dispatcher_settings.notifications.scheduler);
    assert_eq!(
        web_settings.signing_key_file, dispatcher_settings.signing_key_file,
        "every process reads the same key file"
    );
    for setting in ["DATABASE_URL", "REDIS_URL", "VISADESK_PUBLIC_URL"] {
        assert_eq!(
            value_of(&environment(objects, web), setting),
            value_of(&environment(objects, dispatcher), setting),
            "{setting} is shared"
        );
    }
    assert!(
        web_settings
            .database_url
            .as_str()
            .starts_with("postgres://"),
        "SQLite is for one process"
    );
    assert!(
        web_settings.redis_url.is_some(),
        "sessions and turn locks are shared"
    );

    let service = object(objects, "Service", "visadesk");
    assert!(selects(
        &serde_json::json!({ "matchLabels": service["spec"]["selector"] }),
        web_pods
    ));
    assert!(!selects(
        &serde_json::json!({ "matchLabels": service["spec"]["selector"] }),
        dispatcher_pods
    ));
    let pdb = object(objects, "PodDisruptionBudget", "visadesk-web");
    assert!(selects(&pdb["spec"]["selector"], web_pods));
    assert!(pdb["spec"]["minAvailable"].as_i64().unwrap() >= 1);
    let hpa = object(objects, "HorizontalPodAutoscaler", "visadesk-web");
    assert_eq!(hpa["spec"]["scaleTargetRef"]["kind"], "Deployment");
    assert_eq!(hpa["spec"]["scaleTargetRef"]["name"], "visadesk-web");
    assert!(
        hpa["spec"]["minReplicas"].as_i64().unwrap() >= web["spec"]["replicas"].as_i64().unwrap()
    );
    assert!(
        hpa["spec"]["minReplicas"].as_i64().unwrap()
            > pdb["spec"]["minAvailable"].as_i64().unwrap(),
        "a node can be drained"
    );

    // Prometheus scrapes /metrics on every process, through Services that name the port.
    let monitor = object(objects, "ServiceMonitor", "visadesk");
    let endpoint = &monitor["spec"]["endpoints"][0];
    assert_eq!(endpoint["path"], "/metrics");
    let scraped: Vec<&Value> = objects
        .iter()
        .filter(|o| {
            o["kind"] == "Service"
                && selects(&monitor["spec"]["selector"], &o["metadata"]["labels"])
        })
        .collect();
    for pods in [web_pods, dispatcher_pods] {
        let service = scraped
            .iter()
            .find(|s| {
                selects(
                    &serde_json::json!({ "matchLabels": s["spec"]["selector"] }),
                    pods,
                )
            })
            .unwrap_or_else(|| panic!("a scraped Service selects {pods}"));
        assert!(
            service["spec"]["ports"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == endpoint["port"]),
            "the Service names the scraped port"
        );
    }

    let policy = object(objects, "NetworkPolicy", "visadesk");
    assert!(selects(&policy["spec"]["podSelector"], web_pods));
    assert!(selects(&policy["spec"]["podSelector"], dispatcher_pods));
    assert_eq!(
        policy["spec"]["policyTypes"],
        serde_json::json!(["Ingress", "Egress"])
    );
}

#[test]
fn the_kubernetes_base_and_its_production_overlay_validate_and_run_web_replicas_beside_one_dispatcher()
 {
    let base = "deploy/kubernetes/base";
    let production = "deploy/kubernetes/overlays/production";
    let rendered = rendered(&[base, production]);
    check_deployment(&rendered[base]);
    check_deployment(&rendered[production]);

    // The overlay moves the service to the production database and Redis, in its namespace.
    let env =
        |objects: &[Value]| environment(objects, object(objects, "Deployment", "visadesk-web"));
    let (base_env, production_env) = (env(&rendered[base]), env(&rendered[production]));
    for setting in ["DATABASE_URL", "REDIS_URL", "VISADESK_PUBLIC_URL"] {
        assert_ne!(
            value_of(&base_env, setting),
            value_of(&production_env, setting),
            "{setting}"
        );
    }
    assert!(
        value_of(&production_env, "DATABASE_URL")
            .unwrap()
            .contains("sslmode=verify-full")
    );
    for o in &rendered[production] {
        assert_eq!(
            o["metadata"]["namespace"], "visadesk",
            "{}",
            o["metadata"]["name"]
        );
    }
    let web = object(&rendered[production], "Deployment", "visadesk-web");
    assert!(
        !web["spec"]["template"]["spec"]["containers"][0]["image"]
            .as_str()
            .unwrap()
            .ends_with(":latest"),
        "production runs a pinned image"
    );
}

#[test]
fn the_container_image_and_the_compose_file_check_visadesk_s_health() {
    let dockerfile = std::fs::read_to_string(repository().join("deploy/Dockerfile")).unwrap();
    let healthcheck = dockerfile
        .lines()
        .find(|l| l.starts_with("HEALTHCHECK"))
        .expect("the Dockerfile has a HEALTHCHECK");
    assert!(
        healthcheck.contains(r#"CMD ["/usr/local/bin/visadesk", "health"]"#),
        "{healthcheck}"
    );
    // Dependencies are built in a layer of their own, from the manifests alone.
    let manifests = dockerfile
        .find("COPY Cargo.toml Cargo.lock")
        .expect("manifests copied first");
    let sources = dockerfile
        .find("COPY . .")
        .or_else(|| dockerfile.find("COPY bot"))
        .unwrap();
    assert!(
        manifests < sources,
        "the dependency layer comes before the sources"
    );

    let output = Command::new("python3")
        .args([
            "-c",
            "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout)",
        ])
        .arg(repository().join("deploy/compose.yaml"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3: {e}; {INSTALL_VALIDATOR}"));
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let compose: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        compose["services"]["visadesk"]["healthcheck"]["test"],
        serde_json::json!(["CMD", "/usr/local/bin/visadesk", "health"])
    );
}

/// The image's health check command: exit 0 while `/healthz` answers, 1 (naming what failed)
/// when nothing does; `--ready` asks `/readyz`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visadesk_health_answers_by_its_exit_code() {
    let db = TestDb::postgres().await;
    let app = spawn_app(db.settings()).await;
    let config = std::env::temp_dir().join(format!("visadesk-health-{}.toml", app.address.port()));
    let check = |bind: String, ready: bool| {
        let config = config.clone();
        async move {
            std::fs::write(&config, format!("bind = \"{bind}\"\n")).unwrap();
            let mut args = vec!["visadesk", "--config", config.to_str().unwrap(), "health"];
            if ready {
                args.push("--ready");
            }
            run(Cli::try_parse_from(args).expect("`visadesk health` exists")).await
        }
    };
    check(app.address.to_string(), false)
        .await
        .expect("healthy");
    check(app.address.to_string(), true).await.expect("ready");
    // 0.0.0.0 means "every address": the check asks the loopback one.
    check(format!("0.0.0.0:{}", app.address.port()), false)
        .await
        .expect("healthy through the loopback address");
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let refused = check(closed.to_string(), false)
        .await
        .expect_err("nothing listens");
    assert_eq!(refused.exit_code(), 1);
    assert!(refused.to_string().contains("/healthz"), "{refused}");
    let _ = std::fs::remove_file(&config);
}

#[test]
fn the_systemd_unit_is_rated_ok_or_better_by_systemd_analyze() {
    let output = Command::new("systemd-analyze")
        .args(["security", "--offline=yes", "--no-pager"])
        .arg(repository().join("deploy/systemd/visadesk.service"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run systemd-analyze: {e}; {INSTALL_SYSTEMD}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let verdict = stdout
        .lines()
        .find_map(|l| l.split_once("Overall exposure level for visadesk.service: "))
        .map(|(_, v)| v.to_string())
        .unwrap_or_else(|| panic!("no verdict:\n{stdout}\n{stderr}"));
    println!("systemd-analyze security: {verdict}");
    let mut words = verdict.split_whitespace();
    let exposure: f64 = words.next().unwrap().parse().unwrap();
    let level = words.next().unwrap();
    // systemd's levels: PERFECT 0, SAFE < 1, OK < 5, MEDIUM < 7.5, EXPOSED < 9, UNSAFE, DANGEROUS.
    assert!(
        exposure < 5.0 && ["OK", "SAFE", "PERFECT"].contains(&level),
        "the unit is rated {verdict}:\n{stdout}"
    );
}
