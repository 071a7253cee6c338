//! The offered load of `model::flow` against hand-computed values, among them the Jackson network
//! of the queueing reference (λ = 1400 rps → LB → API → 90 % cache / 10 % DB).

use daedalus::io;
use daedalus::model::*;

fn id(s: &str) -> Id {
    Id::new(s).expect("valid id")
}

/// A component of kind `kind` with `replicas` single-server replicas of `mean_ms`.
fn station(key: &str, kind: ComponentKind, replicas: u32, mean_ms: f64) -> Component {
    let mut c = Component::new(id(key), key, kind);
    c.capacity.replicas = replicas;
    c.capacity.concurrency_per_replica = 1;
    c.capacity.service_time.mean_ms = mean_ms;
    c
}

fn generic(key: &str, replicas: u32, mean_ms: f64) -> Component {
    station(
        key,
        ComponentKind::Generic(GenericProps::default()),
        replicas,
        mean_ms,
    )
}

fn users(key: &str, rate_rps: f64) -> Component {
    station(key, ComponentKind::Users(ActorProps { rate_rps }), 1, 1.0)
}

fn call(t: &mut Topology, from: &str, to: &str, calls_per_request: f64) -> usize {
    t.connections.push(Connection {
        id: id(&format!("{from}-to-{to}")),
        from: id(from),
        to: id(to),
        protocol: Protocol::Https,
        port: None,
        tls: true,
        kind: ConnectionKind::Request,
        label: String::new(),
        traffic: Traffic {
            calls_per_request,
            ..Traffic::default()
        },
    });
    t.connections.len() - 1
}

fn rps(t: &Topology, load: &OfferedLoad, key: &str) -> f64 {
    load.rps_of(t, key)
        .unwrap_or_else(|| panic!("no component {key}"))
}

fn close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9 * expected.abs().max(1.0),
        "{actual} != {expected}"
    );
}

fn utilisation_of(t: &Topology, load: &OfferedLoad, key: &str) -> f64 {
    let c = t.component(key).expect("component");
    utilisation(rps(t, load, key), c.capacity.capacity_rps())
}

#[test]
fn the_jackson_network_of_the_reference() {
    let mut t = Topology::new("jackson");
    t.components = vec![
        users("users", 1400.0),
        generic("lb", 2, 0.5),
        generic("api", 4, 2.0),
        generic("cache", 2, 0.5),
        generic("db", 2, 10.0),
    ];
    call(&mut t, "users", "lb", 1.0);
    call(&mut t, "lb", "api", 1.0);
    call(&mut t, "api", "cache", 0.9);
    call(&mut t, "api", "db", 0.1);
    let load = offered_load(&t);
    close(rps(&t, &load, "lb"), 1400.0);
    close(rps(&t, &load, "api"), 1400.0);
    close(rps(&t, &load, "cache"), 1260.0);
    close(rps(&t, &load, "db"), 140.0);
    close(utilisation_of(&t, &load, "lb"), 0.35);
    close(utilisation_of(&t, &load, "api"), 0.70);
    close(utilisation_of(&t, &load, "cache"), 0.315);
    close(utilisation_of(&t, &load, "db"), 0.70);
    assert!(load.cycles.is_empty() && load.cycles_found == 0);
    // Each connection carries what its callee receives from it.
    close(load.connection_rps[3], 140.0);
}

#[test]
fn capacity_is_replicas_times_concurrency_over_the_service_time() {
    let mut c = Capacity {
        replicas: 3,
        concurrency_per_replica: 64,
        service_time: ServiceTime {
            distribution: Distribution::Exponential,
            mean_ms: 8.0,
        },
        ..Capacity::default()
    };
    close(c.capacity_rps(), 24_000.0);
    close(c.capacity_rps_with(2), 16_000.0);
    c.service_time.mean_ms = 0.0;
    assert_eq!(c.capacity_rps(), 0.0);
    assert_eq!(utilisation(1.0, 0.0), f64::INFINITY);
    assert_eq!(utilisation(0.0, 0.0), 0.0);
}

#[test]
fn only_misses_leave_a_cache_and_on_miss_calls_follow_its_miss_ratio() {
    let mut t = Topology::new("cache-aside");
    let cache = station(
        "cache",
        ComponentKind::Cache(CacheProps {
            hit_ratio: 0.9,
            ..CacheProps::default()
        }),
        2,
        0.5,
    );
    let cdn = station(
        "cdn",
        ComponentKind::Cdn(CdnProps {
            cache_hit_ratio: 0.6,
            ..CdnProps::default()
        }),
        1,
        1.0,
    );
    t.components = vec![
        users("users", 1000.0),
        cdn,
        generic("svc", 4, 5.0),
        cache,
        generic("db", 2, 10.0),
        generic("origin", 2, 10.0),
    ];
    call(&mut t, "users", "cdn", 1.0);
    call(&mut t, "cdn", "svc", 1.0);
    call(&mut t, "svc", "cache", 1.0);
    let aside = call(&mut t, "svc", "db", 1.0);
    t.connections[aside].traffic.on_miss_of = Some(id("cache"));
    // Read-through: the cache's own request connection carries its misses only.
    call(&mut t, "cache", "origin", 1.0);
    let load = offered_load(&t);
    close(rps(&t, &load, "cdn"), 1000.0);
    close(rps(&t, &load, "svc"), 400.0);
    close(rps(&t, &load, "cache"), 400.0);
    close(rps(&t, &load, "db"), 40.0);
    close(rps(&t, &load, "origin"), 40.0);
}

#[test]
fn retries_and_non_request_connections_add_no_baseline_load() {
    let mut t = Topology::new("retries");
    t.components = vec![
        users("users", 100.0),
        generic("a", 1, 1.0),
        generic("b", 1, 1.0),
    ];
    let c = call(&mut t, "users", "a", 1.0);
    t.connections[c].traffic.retries = 3;
    let c = call(&mut t, "a", "b", 1.0);
    t.connections[c].kind = ConnectionKind::Async;
    let load = offered_load(&t);
    close(rps(&t, &load, "a"), 100.0);
    close(rps(&t, &load, "b"), 0.0);
    close(load.connection_rps[1], 0.0);
}

fn container(key: &str) -> Container {
    Container {
        id: id(key),
        name: key.into(),
        kind: ContainerKind::Group(GroupProps {
            purpose: GroupPurpose::Other,
            region: None,
            environment: None,
        }),
        parent: None,
        description: String::new(),
        tags: Default::default(),
    }
}

#[test]
fn a_connection_to_a_container_reaches_its_entry_members_evenly() {
    let mut t = Topology::new("containers");
    t.containers = vec![container("cluster"), container("inner")];
    t.containers[1].parent = Some(id("cluster"));
    let mut members = vec![
        generic("web", 2, 5.0),
        generic("admin", 2, 5.0),
        generic("api", 2, 5.0),
    ];
    members[0].container = Some(id("cluster"));
    members[1].container = Some(id("inner"));
    members[2].container = Some(id("cluster"));
    t.components = vec![users("users", 1000.0)];
    t.components.extend(members);
    call(&mut t, "users", "cluster", 1.0);
    // api is called by a member: not an entry. web and admin (nested deeper) share the load.
    call(&mut t, "web", "api", 0.5);
    let load = offered_load(&t);
    close(rps(&t, &load, "web"), 500.0);
    close(rps(&t, &load, "admin"), 500.0);
    close(rps(&t, &load, "api"), 250.0);
    close(load.connection_rps[0], 1000.0);
}

#[test]
fn a_connection_from_a_container_is_made_by_each_member() {
    let mut t = Topology::new("from-container");
    t.containers = vec![container("pool")];
    let mut a = generic("a", 1, 1.0);
    let mut b = generic("b", 1, 1.0);
    a.container = Some(id("pool"));
    b.container = Some(id("pool"));
    t.components = vec![users("users", 300.0), a, b, generic("db", 1, 1.0)];
    call(&mut t, "users", "a", 1.0);
    call(&mut t, "users", "b", 2.0);
    call(&mut t, "pool", "db", 0.5);
    let load = offered_load(&t);
    close(rps(&t, &load, "db"), 0.5 * 300.0 + 0.5 * 600.0);
}

#[test]
fn cycles_are_reported_and_not_looped_over() {
    let mut t = Topology::new("cycle");
    t.components = vec![
        users("users", 100.0),
        generic("a", 1, 1.0),
        generic("b", 1, 1.0),
        generic("c", 1, 1.0),
    ];
    call(&mut t, "users", "a", 1.0);
    call(&mut t, "a", "b", 1.0);
    call(&mut t, "b", "c", 1.0);
    call(&mut t, "c", "a", 1.0);
    let load = offered_load(&t);
    assert_eq!(load.cycles_found, 1);
    assert_eq!(load.cycles, vec![vec![id("a"), id("b"), id("c")]]);
    close(rps(&t, &load, "a"), 100.0);
    close(rps(&t, &load, "c"), 100.0);
    close(load.connection_rps[3], 0.0);
}

#[test]
fn the_icarus_sample_load_by_hand() {
    let t = io::parse(include_str!("../sample-topologies/icarus-platform.ron")).expect("parse");
    let load = offered_load(&t);
    // 1002 rps reach the CDN; 40 % miss to the load balancer, which sends 70 % to the API
    // gateway, 30 % to the web app, and every request through the WAF.
    let origin = 1002.0 * 0.4;
    close(rps(&t, &load, "static-assets"), 1002.0);
    close(rps(&t, &load, "load-balancer"), origin);
    close(rps(&t, &load, "waf"), origin);
    close(rps(&t, &load, "web-app-containers"), origin * 0.3);
    close(rps(&t, &load, "service-containers"), origin * 0.7);
    close(rps(&t, &load, "cache-cluster"), origin * 0.7);
    // The database is called on cache misses only (hit ratio 0.9).
    close(rps(&t, &load, "db-cluster"), origin * 0.7 * 0.1);
    close(rps(&t, &load, "payment-gateway"), origin * 0.7 * 0.01);
    close(rps(&t, &load, "message-queue-cluster"), 0.0);
    assert_eq!(load.by_id(&t).len(), t.components.len());
}
