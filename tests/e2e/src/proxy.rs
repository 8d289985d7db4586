//! A TCP proxy that makes a bad mobile network on purpose, one kind of fault at a time or
//! all mixed: connections cut mid-request or mid-response after a random number of bytes,
//! `500`/`503` answers instead of the service, and connections that go silent (a stall)
//! until the client's timeout gives them up. It also counts the bytes and HTTP answers that
//! pass, so a benchmark can compare what went on the wire with the payload.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

/// Which fault the proxy injects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// None: a clean pipe that counts bytes.
    Clean,
    /// Every connection is cut after a random number of request bytes (mid-upload).
    CutRequests,
    /// Every connection is cut after a random number of response bytes (mid-answer).
    CutResponses,
    /// A share of connections is answered `500` or `503` by the proxy itself.
    ServerErrors,
    /// A share of connections goes silent after a random number of response bytes and
    /// stays open (no reset, no FIN), like a mobile link that drops packets.
    Stalls,
    /// All of the above on random connections.
    Mixed,
}

#[derive(Debug, Default)]
pub struct Faults {
    pub connections: AtomicU64,
    pub cut_requests: AtomicU64,
    pub cut_responses: AtomicU64,
    /// Connections answered 500/503 by the proxy.
    pub unavailable: AtomicU64,
    pub stalls: AtomicU64,
    /// Bytes client → service and service → client that passed the proxy.
    pub bytes_up: AtomicU64,
    pub bytes_down: AtomicU64,
    /// HTTP answers (status lines) that passed from the service to the client.
    pub responses: AtomicU64,
}

pub struct FaultProxy {
    pub addr: SocketAddr,
    pub faults: Arc<Faults>,
    stop: Arc<AtomicBool>,
}

/// How long a stalled connection stays silent at most (the client gives up long before).
const STALL: Duration = Duration::from_secs(30);

impl FaultProxy {
    /// Proxies to `upstream` with every kind of fault mixed. `seed` makes the fault pattern
    /// repeatable.
    pub fn start(upstream: SocketAddr, seed: u64) -> FaultProxy {
        FaultProxy::with_fault(upstream, Fault::Mixed, seed)
    }

    /// A clean proxy that only counts.
    pub fn counting(upstream: SocketAddr) -> FaultProxy {
        FaultProxy::with_fault(upstream, Fault::Clean, 0)
    }

    /// Proxies to `upstream` injecting `fault`.
    pub fn with_fault(upstream: SocketAddr, fault: Fault, seed: u64) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("proxy port");
        let addr = listener.local_addr().expect("proxy address");
        let faults = Arc::new(Faults::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (f, s) = (faults.clone(), stop.clone());
        thread::spawn(move || {
            let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
            for conn in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = conn else { continue };
                f.connections.fetch_add(1, Ordering::SeqCst);
                let plan = Plan::draw(fault, &mut rng);
                let (f, s) = (f.clone(), s.clone());
                thread::spawn(move || serve(client, upstream, plan, &f, &s));
            }
        });
        FaultProxy { addr, faults, stop }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// (connections, cut requests, cut responses, 500/503 answers).
    pub fn summary(&self) -> (u64, u64, u64, u64) {
        let f = &self.faults;
        (
            f.connections.load(Ordering::SeqCst),
            f.cut_requests.load(Ordering::SeqCst),
            f.cut_responses.load(Ordering::SeqCst),
            f.unavailable.load(Ordering::SeqCst),
        )
    }

    pub fn stalls(&self) -> u64 {
        self.faults.stalls.load(Ordering::SeqCst)
    }

    /// (bytes up, bytes down, HTTP answers).
    pub fn traffic(&self) -> (u64, u64, u64) {
        let f = &self.faults;
        (
            f.bytes_up.load(Ordering::SeqCst),
            f.bytes_down.load(Ordering::SeqCst),
            f.responses.load(Ordering::SeqCst),
        )
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

/// What happens to a direction of a connection once its byte budget is spent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnBudget {
    Cut,
    Stall,
}

#[derive(Clone, Copy)]
struct Plan {
    /// `Some(500 | 503)`: answer that instead of reaching the service.
    refuse: Option<u16>,
    request_budget: u64,
    response_budget: u64,
    on_budget: OnBudget,
}

impl Plan {
    fn draw(fault: Fault, rng: &mut rand::rngs::StdRng) -> Plan {
        let clean = Plan {
            refuse: None,
            request_budget: u64::MAX,
            response_budget: u64::MAX,
            on_budget: OnBudget::Cut,
        };
        let status = if rng.random_bool(0.5) { 500 } else { 503 };
        match fault {
            Fault::Clean => clean,
            Fault::CutRequests => Plan {
                request_budget: rng.random_range(200..600_000),
                ..clean
            },
            Fault::CutResponses => Plan {
                response_budget: rng.random_range(50..1_500),
                ..clean
            },
            Fault::ServerErrors => Plan {
                refuse: rng.random_bool(0.3).then_some(status),
                ..clean
            },
            Fault::Stalls => {
                if rng.random_bool(0.5) {
                    // Silent mid-upload or mid-answer, whichever budget runs out first.
                    Plan {
                        request_budget: rng.random_range(0..300_000),
                        response_budget: rng.random_range(0..4_000),
                        on_budget: OnBudget::Stall,
                        ..clean
                    }
                } else {
                    clean
                }
            }
            Fault::Mixed => Plan {
                refuse: rng.random_bool(0.15).then_some(status),
                request_budget: rng.random_range(200..1_500_000),
                response_budget: rng.random_range(100..6_000),
                on_budget: if rng.random_bool(0.1) {
                    OnBudget::Stall
                } else {
                    OnBudget::Cut
                },
            },
        }
    }
}

fn serve(
    mut client: TcpStream,
    upstream: SocketAddr,
    plan: Plan,
    faults: &Faults,
    stop: &AtomicBool,
) {
    if let Some(status) = plan.refuse {
        // Read the request head, then refuse like a failing or overloaded gateway.
        let mut buf = [0u8; 4096];
        let _ = client.read(&mut buf);
        faults.unavailable.fetch_add(1, Ordering::SeqCst);
        let (reason, code) = match status {
            500 => ("Internal Server Error", "internal"),
            _ => ("Service Unavailable", "unavailable"),
        };
        let body = format!("{{\"code\":\"{code}\",\"message\":\"proxy says no\"}}");
        let _ = client.write_all(
            format!(
                "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\n\
                 content-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        );
        let _ = client.shutdown(Shutdown::Both);
        return;
    }
    let Ok(server) = TcpStream::connect(upstream) else {
        return;
    };
    let (Ok(c2), Ok(s2)) = (client.try_clone(), server.try_clone()) else {
        return;
    };
    let (up_spent, down_spent) = match plan.on_budget {
        OnBudget::Cut => (&faults.cut_requests, &faults.cut_responses),
        OnBudget::Stall => (&faults.stalls, &faults.stalls),
    };
    thread::scope(|scope| {
        scope.spawn(|| {
            pump(
                c2,
                s2,
                plan.request_budget,
                plan.on_budget,
                (&faults.bytes_up, up_spent),
                None,
                stop,
            )
        });
        pump(
            server,
            client,
            plan.response_budget,
            plan.on_budget,
            (&faults.bytes_down, down_spent),
            Some(&faults.responses),
            stop,
        );
    });
}

/// Copies `from` → `to` until EOF or until `budget` bytes passed; then cuts both ways, or
/// goes silent (keeping both open) until the other side gives up or the stall ends.
/// Counts the bytes, and with `answers` the HTTP status lines, that passed, and the moment
/// the budget is spent in `counters.1`.
fn pump(
    mut from: TcpStream,
    mut to: TcpStream,
    budget: u64,
    on_budget: OnBudget,
    counters: (&AtomicU64, &AtomicU64),
    answers: Option<&AtomicU64>,
    stop: &AtomicBool,
) {
    let (bytes, spent) = counters;
    const STATUS: &[u8] = b"HTTP/1.1 ";
    let mut left = budget;
    let mut buf = [0u8; 64 * 1024];
    // The end of the previous read, so that a status line split across reads is counted.
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => {
                let _ = to.shutdown(Shutdown::Write);
                return;
            }
            Ok(n) => n,
        };
        let pass = (n as u64).min(left) as usize;
        if let Some(answers) = answers {
            tail.extend_from_slice(&buf[..pass]);
            let found = tail.windows(STATUS.len()).filter(|w| *w == STATUS).count();
            answers.fetch_add(found as u64, Ordering::SeqCst);
            let keep = tail.len().min(STATUS.len() - 1);
            tail.drain(..tail.len() - keep);
        }
        bytes.fetch_add(pass as u64, Ordering::SeqCst);
        if (n as u64) >= left {
            let _ = to.write_all(&buf[..pass]);
            spent.fetch_add(1, Ordering::SeqCst);
            if on_budget == OnBudget::Stall {
                // Silence: read and drop what the other side still sends, forward nothing.
                let until = Instant::now() + STALL;
                let _ = from.set_read_timeout(Some(Duration::from_millis(50)));
                while Instant::now() < until && !stop.load(Ordering::SeqCst) {
                    match from.read(&mut buf) {
                        Ok(0) => break,
                        Ok(_) => {}
                        Err(e)
                            if matches!(
                                e.kind(),
                                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                            ) => {}
                        Err(_) => break,
                    }
                }
            }
            let _ = from.shutdown(Shutdown::Both);
            let _ = to.shutdown(Shutdown::Both);
            return;
        }
        left -= n as u64;
        if to.write_all(&buf[..n]).is_err() {
            let _ = from.shutdown(Shutdown::Both);
            return;
        }
    }
}
