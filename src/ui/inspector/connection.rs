//! Inspector section of a connection.

use egui::Ui;

use super::fields as f;
use super::{Choices, section};
use crate::model::*;

/// Every property of connection `c`, edited in place.
pub fn ui(ui: &mut Ui, c: &mut Connection, choices: &Choices) {
    section(ui, "connection", "Connection", |ui| {
        f::required_reference(ui, "From", &mut c.from, &choices.ends);
        f::required_reference(ui, "To", &mut c.to, &choices.ends);
        let protocols: Vec<(Protocol, &str)> =
            Protocol::ALL.iter().map(|p| (*p, p.label())).collect();
        let before = c.protocol;
        f::choice(ui, "Protocol", &mut c.protocol, &protocols);
        // Switching to HTTPS or HTTP sets TLS to what the protocol implies; merely showing a
        // connection never changes it (a contradiction in the file stays visible).
        if c.protocol != before
            && let Some(fixed) = c.protocol.inherent_tls()
        {
            c.tls = fixed;
        }
        ui.label("Port");
        ui.horizontal(|ui| {
            let mut custom = c.port.is_some();
            if ui.checkbox(&mut custom, "").changed() {
                c.port = custom.then(|| c.effective_port().unwrap_or(443));
            }
            match &mut c.port {
                Some(p) => {
                    ui.add(
                        egui::DragValue::new(p)
                            .clamp_existing_to_range(false)
                            .range(1..=65_535),
                    );
                }
                None => {
                    let default = c
                        .protocol
                        .default_port(c.tls)
                        .map_or_else(|| "needs a port".to_owned(), |p| format!("{p} (default)"));
                    ui.weak(default);
                }
            }
        });
        ui.end_row();
        match c.protocol.inherent_tls() {
            Some(fixed) if fixed == c.tls => {
                ui.label("TLS");
                ui.weak(if fixed {
                    "always (protocol)"
                } else {
                    "never (plaintext protocol)"
                });
                ui.end_row();
            }
            _ => f::flag(ui, "TLS", &mut c.tls),
        }
        f::choice(
            ui,
            "Kind",
            &mut c.kind,
            &[
                (ConnectionKind::Request, "Request"),
                (ConnectionKind::Async, "Async (queue)"),
                (ConnectionKind::Observability, "Observability"),
                (ConnectionKind::Admin, "Admin"),
                (ConnectionKind::Control, "Control plane"),
            ],
        );
        f::text(ui, "Label", &mut c.label);
    });
    section(ui, "traffic", "Traffic", |ui| {
        let t = &mut c.traffic;
        f::number(
            ui,
            "Calls per request",
            &mut t.calls_per_request,
            0.0..=1000.0,
            "",
            0.01,
        );
        f::reference(
            ui,
            "Only on a miss of",
            &mut t.on_miss_of,
            &choices.caches,
            "(always)",
        );
        f::optional_number(
            ui,
            "Timeout",
            &mut t.timeout_ms,
            1000.0,
            0.001..=3_600_000.0,
            " ms",
        );
        f::int(ui, "Retries", &mut t.retries, 0..=10, "");
    });
}
