//! A TCP proxy that makes a bad mobile network on purpose: each connection gets a random
//! budget of request bytes and response bytes after which it is cut (mid-request,
//! mid-response), and some connections answer `503` instead of reaching the service.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread;

use rand::{Rng, SeedableRng};

#[derive(Debug, Default)]
pub struct Faults {
    pub connections: AtomicU64,
    pub cut_requests: AtomicU64,
    pub cut_responses: AtomicU64,
    pub unavailable: AtomicU64,
}

pub struct FaultProxy {
    pub addr: SocketAddr,
    pub faults: Arc<Faults>,
    stop: Arc<AtomicBool>,
}

impl FaultProxy {
    /// Proxies to `upstream`. `seed` makes the fault pattern repeatable.
    pub fn start(upstream: SocketAddr, seed: u64) -> FaultProxy {
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
                let plan = Plan {
                    unavailable: rng.random_bool(0.15),
                    request_budget: rng.random_range(200..1_500_000),
                    response_budget: rng.random_range(100..6_000),
                };
                let f = f.clone();
                thread::spawn(move || serve(client, upstream, plan, &f));
            }
        });
        FaultProxy { addr, faults, stop }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn summary(&self) -> (u64, u64, u64, u64) {
        let f = &self.faults;
        (
            f.connections.load(Ordering::SeqCst),
            f.cut_requests.load(Ordering::SeqCst),
            f.cut_responses.load(Ordering::SeqCst),
            f.unavailable.load(Ordering::SeqCst),
        )
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

#[derive(Clone, Copy)]
struct Plan {
    unavailable: bool,
    request_budget: u64,
    response_budget: u64,
}

fn serve(mut client: TcpStream, upstream: SocketAddr, plan: Plan, faults: &Faults) {
    if plan.unavailable {
        // Read the request head, then refuse like an overloaded gateway.
        let mut buf = [0u8; 4096];
        let _ = client.read(&mut buf);
        faults.unavailable.fetch_add(1, Ordering::SeqCst);
        let _ = client.write_all(
            b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
              content-length: 49\r\nconnection: close\r\n\r\n\
              {\"code\":\"unavailable\",\"message\":\"proxy says no\"}",
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
    let up = thread::spawn({
        let budget = plan.request_budget;
        move || pump(c2, s2, budget)
    });
    let down_cut = pump(server, client, plan.response_budget);
    let up_cut = up.join().unwrap_or(false);
    if up_cut {
        faults.cut_requests.fetch_add(1, Ordering::SeqCst);
    }
    if down_cut {
        faults.cut_responses.fetch_add(1, Ordering::SeqCst);
    }
}

/// Copies `from` → `to` until EOF or until `budget` bytes passed; then cuts both ways.
/// Returns whether the budget cut the connection.
fn pump(mut from: TcpStream, mut to: TcpStream, budget: u64) -> bool {
    let mut left = budget;
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => {
                let _ = to.shutdown(Shutdown::Write);
                return false;
            }
            Ok(n) => n,
        };
        if (n as u64) >= left {
            let _ = to.write_all(&buf[..left as usize]);
            let _ = from.shutdown(Shutdown::Both);
            let _ = to.shutdown(Shutdown::Both);
            return true;
        }
        left -= n as u64;
        if to.write_all(&buf[..n]).is_err() {
            let _ = from.shutdown(Shutdown::Both);
            return false;
        }
    }
}
