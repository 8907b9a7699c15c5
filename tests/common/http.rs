//! A small HTTP server on the loopback address for tests that fetch pages:
//! fixed routes, one thread, a bounded number of connections and a
//! deadline, after which it stops by itself.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

/// One route: path, status line, headers, body.
pub struct Route {
    pub path: &'static str,
    pub status: &'static str,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Route {
    pub fn html(path: &'static str, content_type: &str, body: Vec<u8>) -> Route {
        Route {
            path,
            status: "200 OK",
            headers: vec![("Content-Type".into(), content_type.into())],
            body,
        }
    }
}

/// Serves `routes` on 127.0.0.1 (a path not listed gets 404; `/silent`
/// never answers) for at most `max_connections` or 60 seconds. Returns
/// the base address, e.g. `http://127.0.0.1:40123`.
pub fn serve(routes: Vec<Route>, max_connections: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(60);
        let mut served = 0;
        let mut silent = Vec::new();
        while served < max_connections && Instant::now() < deadline {
            let (mut stream, _) = match listener.accept() {
                Ok(s) => s,
                Err(_) => {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                }
            };
            served += 1;
            let _ = stream.set_nonblocking(false);
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut head = Vec::new();
            let mut buf = [0u8; 1024];
            // A TLS handshake (first byte 0x16) gets a plain-text answer,
            // as a server without TLS would give.
            while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.first() != Some(&0x16) {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let head = String::from_utf8_lossy(&head);
            let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
            if path == "/silent" {
                silent.push(stream); // keep it open, say nothing
                continue;
            }
            let (status, headers, body) = match routes.iter().find(|r| r.path == path) {
                Some(r) => (r.status, r.headers.clone(), r.body.clone()),
                None => (
                    "404 Not Found",
                    vec![("Content-Type".into(), "text/html".into())],
                    b"<h1>Not found</h1>".to_vec(),
                ),
            };
            let mut resp = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (k, v) in headers {
                resp.push_str(&format!("{k}: {v}\r\n"));
            }
            resp.push_str("\r\n");
            let _ = stream.write_all(resp.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    format!("http://{addr}")
}
