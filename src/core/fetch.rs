//! Fetching a web page for `dossier add URL`: one GET with a user agent,
//! timeouts, a redirect limit and a size limit, and errors that say what
//! went wrong in the user's terms (not found, TLS, not a web page, too
//! large, no answer). Uses ureq with rustls: blocking, small, no async
//! runtime. Knows nothing of the terminal or of articles.

use std::time::Duration;

/// Limits of one fetch.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The whole request, from connecting to the last byte.
    pub total: Duration,
    /// Connecting (DNS and TCP).
    pub connect: Duration,
    /// At most this many redirects are followed.
    pub redirects: u32,
    /// A page larger than this many bytes is refused.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            total: Duration::from_secs(30),
            connect: Duration::from_secs(10),
            redirects: 5,
            max_bytes: crate::core::corpus::html::MAX_PAGE_BYTES as u64,
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address after redirects.
    pub url: String,
    /// The body.
    pub bytes: Vec<u8>,
    /// The charset of the `Content-Type` header, if any.
    pub charset: Option<String>,
}

/// True when `s` looks like a web address this module can fetch.
pub fn is_url(s: &str) -> bool {
    let l = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Fetches `url`. The error is a message for the user, naming the address.
pub fn fetch(url: &str, limits: Limits) -> Result<Fetched, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.total))
        .timeout_connect(Some(limits.connect))
        .max_redirects(limits.redirects)
        .http_status_as_error(false)
        .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION")))
        .accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        .build()
        .into();
    let mut resp = agent
        .get(url)
        .call()
        .map_err(|e| describe(url, &e, limits))?;
    let status = resp.status();
    if !status.is_success() {
        let what = match status.as_u16() {
            404 | 410 => "the page is not there (check the address)",
            401 | 403 => {
                "the site refuses to give the page (it may need a login); save it from a browser and add the file"
            }
            429 => "the site asks to slow down; try again later",
            500..=599 => "the site has a problem; try again later",
            _ => "the site did not give the page",
        };
        return Err(format!("{url}: HTTP {status}: {what}"));
    }
    let final_url = ureq::ResponseExt::get_uri(&resp).to_string();
    let body = resp.body();
    let mime = body.mime_type().map(str::to_ascii_lowercase);
    let charset = body.charset().map(str::to_string);
    if let Some(m) = &mime
        && !(m == "text/html" || m == "application/xhtml+xml")
    {
        return Err(format!(
            "{url}: not a web page ({m}); only HTML pages can be added (a PDF or text file can be saved and added as a file)"
        ));
    }
    let bytes = resp
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| describe(url, &e, limits))?;
    Ok(Fetched {
        url: final_url,
        bytes,
        charset,
    })
}

fn describe(url: &str, e: &ureq::Error, limits: Limits) -> String {
    use ureq::Error as E;
    let what = match e {
        E::HostNotFound => "the host was not found (check the address and the network)".to_string(),
        E::ConnectionFailed => {
            "could not connect (is the address right, is the site up?)".to_string()
        }
        E::Timeout(_) => format!(
            "no complete answer within {} s; try again later",
            limits.total.as_secs()
        ),
        E::TooManyRedirects => format!(
            "more than {} redirects; the address may loop",
            limits.redirects
        ),
        E::BodyExceedsLimit(_) => format!(
            "the page is larger than {} MiB; save the article alone from a browser and add the file",
            limits.max_bytes >> 20
        ),
        E::Tls(m) => format!("secure connection failed ({m})"),
        E::Rustls(r) => {
            format!("secure connection failed ({r}); the site's certificate may be invalid")
        }
        E::BadUri(m) => format!("not a usable address ({m})"),
        // rustls reports a failed handshake as invalid data.
        E::Io(io)
            if io.kind() == std::io::ErrorKind::InvalidData
                && url
                    .get(..8)
                    .is_some_and(|s| s.eq_ignore_ascii_case("https://")) =>
        {
            format!(
                "secure connection failed ({io}); the site's certificate or TLS setup is not usable"
            )
        }
        E::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
            "connection refused (is the site up?)".to_string()
        }
        other => other.to_string(),
    };
    format!("{url}: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("page.html"));
        assert!(!is_url("http"));
        assert!(!is_url("ftp://x"));
    }
}
