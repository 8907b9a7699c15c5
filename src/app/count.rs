//! How the reader says how many: a count in four columns (`2.9k`) and
//! the plural ending of a noun. One of each, for every screen and message.

/// `""` for one, `"s"` for any other number (`1 passage`, `2 passages`).
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A count in at most four columns: `981`, `2.9k`, `15k`, `1.2M`, `16M`.
pub fn short_count(n: usize) -> String {
    let n = n as f64;
    if n < 1e3 {
        format!("{n}")
    } else if n < 9_950.0 {
        format!("{:.1}k", n / 1e3)
    } else if n < 999_500.0 {
        format!("{:.0}k", n / 1e3)
    } else if n < 9_950_000.0 {
        format!("{:.1}M", n / 1e6)
    } else {
        format!("{:.0}M", n / 1e6)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        assert_eq!(format!("{} passage{}", 1, plural(1)), "1 passage");
        assert_eq!(format!("{} passage{}", 0, plural(0)), "0 passages");
    }

    #[test]
    fn counts_fit_four_columns() {
        let cases = [
            (0, "0"),
            (981, "981"),
            (2_940, "2.9k"),
            (9_949, "9.9k"),
            (15_480, "15k"),
            (999_499, "999k"),
            (1_234_567, "1.2M"),
            (15_528_664, "16M"),
        ];
        for (n, want) in cases {
            assert_eq!(short_count(n), want, "{n}");
            assert!(want.chars().count() <= 4);
        }
    }
}
