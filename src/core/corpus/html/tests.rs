use super::*;

fn texts(blocks: &[(PassageKind, String)]) -> Vec<&str> {
    blocks.iter().map(|(_, t)| t.as_str()).collect()
}

/// A page long enough for Readability to take it for an article.
fn article_page(head: &str, body: &str) -> String {
    let para = "The committee met on Tuesday to discuss the harbour, the new bridge and the \
                budget for the coming year, and heard from residents who had written in. ";
    format!(
        "<!doctype html><html><head>{head}</head><body><nav><a href=/>Home</a> <a href=/x>News</a></nav>\
         <article><h1>The Harbour Plan for the Next Ten Years</h1><p class=byline>By Jane Roe</p>{body}<p>{}</p><p>{}</p></article>\
         <footer>Share this · Subscribe</footer></body></html>",
        para.repeat(4),
        para.repeat(3)
    )
}

#[test]
fn meta_charset_http_equiv_and_bom_are_honoured() {
    let mut page =
        b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>".to_vec();
    let d = decode(&page, None);
    assert_eq!(d.encoding, "windows-1252");
    assert!(d.text.contains("café"), "{}", d.text);
    assert_eq!(d.warning, None);

    page =
        b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'><p>na\xefve</p>"
            .to_vec();
    let d = decode(&page, None);
    assert!(d.text.contains("naïve"), "{}", d.text);

    // Shift_JIS: 日本 is 93 FA 96 7B.
    page = b"<meta charset=shift_jis><p>\x93\xfa\x96\x7b</p>".to_vec();
    assert!(decode(&page, None).text.contains("日本"));

    // The HTTP header wins over the meta tag; a BOM wins over both.
    page = b"<meta charset=utf-8><p>caf\xe9</p>".to_vec();
    assert!(decode(&page, Some("iso-8859-1")).text.contains("café"));
    let mut bom = b"\xef\xbb\xbf<meta charset=windows-1252><p>caf".to_vec();
    bom.extend("é</p>".as_bytes());
    let d = decode(&bom, Some("iso-8859-1"));
    assert_eq!(d.encoding, "UTF-8");
    assert!(d.text.contains("café") && !d.text.starts_with('\u{feff}'));
}

#[test]
fn undeclared_legacy_bytes_are_read_as_windows_1252_with_a_warning() {
    let d = decode(b"<p>\x93quoted\x94 caf\xe9</p>", None);
    assert_eq!(d.encoding, "windows-1252");
    assert!(d.text.contains("\u{201c}quoted\u{201d} café"), "{}", d.text);
    assert!(d.warning.unwrap().contains("windows-1252"));
    // Declared UTF-8 with bad bytes: replacement characters, and a warning.
    let d = decode(b"<meta charset=utf-8><p>caf\xe9</p>", None);
    assert!(d.text.contains('\u{FFFD}'));
    assert!(d.warning.is_some());
    // A page re-encoded as UTF-8 when saved, its old tag left in.
    let d = decode("<meta charset=gb2312><p>新电脑</p>".as_bytes(), None);
    assert_eq!((d.encoding, d.warning), ("UTF-8", None));
    assert!(d.text.contains("新电脑"));
    // Plain UTF-8 needs no declaration and gives no warning.
    assert_eq!(decode("<p>café</p>".as_bytes(), None).warning, None);
}

#[test]
fn blocks_are_paragraphs_headings_list_items_quotes_and_rows() {
    let html = "<h2>Sub  heading</h2><p>One <a href='x'>linked</a> word,\n  two&amp;three &eacute;t&eacute;.</p>\
                <ul><li>apples</li><li><p>pears</p></li></ul><ol><li>first</li><li>second</li></ol>\
                <blockquote><p>Said once.</p><p>Said twice.</p></blockquote>\
                <table><tr><th>Name</th><th>Age</th></tr><tr><td>Ann</td><td>41</td></tr></table>\
                <p>a<br>b</p>";
    let b = blocks_of(html);
    assert_eq!(
        texts(&b),
        [
            "Sub heading",
            "One linked word, two&three été.",
            "• apples",
            "• pears",
            "1. first",
            "2. second",
            "Said once.",
            "Said twice.",
            "Name | Age",
            "Ann | 41",
            "a b",
        ]
    );
    assert_eq!(b[0].0, PassageKind::Heading);
    assert_eq!(b[1].0, PassageKind::Paragraph);
    assert_eq!(b[6].0, PassageKind::Quote);
    assert_eq!(b[8].0, PassageKind::Paragraph);
}

#[test]
fn scripts_styles_markup_and_control_characters_never_come_through() {
    let html = "<p>safe<script>alert('x')</script><style>p{color:red}</style> text</p>\
                <p>esc\u{1b}[31m red &#x1b;[2J &#155;1m\u{9b} bell\u{7}</p>\
                <noscript>enable js</noscript><p hidden>hidden</p><template><p>t</p></template>\
                <svg><text>svg text</text></svg><!-- a comment --><p>&lt;b&gt;shown as text&lt;/b&gt;</p>";
    let b = blocks_of(html);
    let all = texts(&b).join("\n");
    assert_eq!(texts(&b)[0], "safe text");
    for bad in [
        "alert",
        "color",
        "enable js",
        "hidden",
        "svg text",
        "a comment",
        "\u{1b}",
        "\u{9b}",
        "\u{7}",
    ] {
        assert!(!all.contains(bad), "{bad:?} in {all:?}");
    }
    assert!(all.contains("<b>shown as text</b>"), "{all}");
    assert!(text::is_sanitised(&all));
}

#[test]
fn an_article_page_gives_title_byline_site_date_and_clean_passages() {
    let head = "<title>The Harbour Plan for the Next Ten Years | Town Gazette</title>\
                <meta property='og:site_name' content='Town Gazette'>\
                <meta name='author' content='Jane Roe'>\
                <meta property='article:published_time' content='2024-03-05T09:30:00Z'>";
    let page = read_page(
        &article_page(head, "<p>Residents &amp; <b>traders</b> spoke first.</p>"),
        None,
    )
    .unwrap();
    assert_eq!(page.warning, None);
    assert_eq!(page.title, "The Harbour Plan for the Next Ten Years");
    assert_eq!(page.byline.as_deref(), Some("Jane Roe"));
    assert_eq!(page.site_name.as_deref(), Some("Town Gazette"));
    assert_eq!(page.published.as_deref(), Some("2024-03-05"));
    let t = texts(&page.blocks);
    assert!(t.contains(&"Residents & traders spoke first."), "{t:?}");
    assert!(
        !t.iter()
            .any(|p| p.contains("Subscribe") || p.contains("Home")),
        "{t:?}"
    );
    let a = Article::from_page("harbour.html", &page, None).unwrap();
    assert_eq!(a.id, "harbour");
    assert_eq!(a.meta.line(), "Jane Roe · Town Gazette · 2024-03-05");
    assert_eq!(a.passages.len(), page.blocks.len());
    assert_eq!(a.passage_text(&a.passages[0]), page.blocks[0].1);
}

#[test]
fn a_page_without_an_article_keeps_its_text_and_says_so() {
    let (a, warning) = article(
        "menu.html",
        "<title>Menu</title><ul><li><a href=/a>A</a></li><li>B</li></ul>",
        None,
    );
    let a = a.expect("the page is listed");
    assert_eq!(a.title, "Menu");
    assert!(
        a.meta
            .note
            .as_deref()
            .unwrap()
            .contains("not look like an article")
    );
    assert!(warning.unwrap().contains("not look like an article"));
    assert_eq!(a.passage_text(&a.passages[0]), "• A");

    let (a, warning) = article("empty.html", "<html><body>  </body></html>", None);
    assert!(a.is_none());
    assert!(warning.unwrap().contains("no text"));
}

#[test]
fn broken_deep_binary_and_huge_pages_give_messages_not_panics() {
    // Unclosed tags, stray end tags, attributes without quotes.
    let page = read_page(
        "<p>one<p>two</b></i><div class=x<p>three &bogus; &#xFFFFFFFF;",
        None,
    )
    .unwrap();
    assert!(texts(&page.blocks).join(" ").contains("one"), "{page:?}");
    // Two thousand nested elements: read as whole text, quickly.
    let deep = format!("{}deep{}", "<div>".repeat(2_000), "</div>".repeat(2_000));
    let page = read_page(&deep, None).unwrap();
    assert!(texts(&page.blocks).contains(&"deep"));
    assert!(page.warning.unwrap().contains("nested too deeply"));
    // More elements than Readability is given: the whole text, and why.
    let many = format!("<title>Many</title>{}", "<p>x</p>".repeat(MAX_ELEMENTS));
    let page = read_page(&many, None).unwrap();
    assert_eq!(page.blocks.len(), MAX_ELEMENTS);
    assert!(page.warning.unwrap().contains("too many elements"));
    // Bytes that are not text, decoded as a page.
    let noise: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    let d = decode(&noise, None);
    let _ = read_page(&d.text, None);
    // Too large: a message, and the limit named.
    let huge = "<p>x</p>".repeat(MAX_PAGE_BYTES / 8 + 1);
    let e = read_page(&huge, None).unwrap_err();
    assert!(e.contains("MiB"), "{e}");
}

#[test]
fn iso_dates_are_shortened_others_kept() {
    assert_eq!(short_date("2017-01-13T21:00:00Z"), "2017-01-13");
    assert_eq!(short_date("2017-01-13"), "2017-01-13");
    assert_eq!(short_date("March 5, 2024"), "March 5, 2024");
    assert_eq!(short_date("2017-01-1x"), "2017-01-1x");
}

#[test]
fn a_folder_of_pages_loads_beside_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let head = "<meta charset=windows-1252><title>Caf\u{e9} plans</title>";
    let page = article_page(head, "<p>The caf\u{e9} opens.</p>");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    std::fs::write(dir.path().join("cafe.HTM"), &bytes).unwrap();
    std::fs::write(
        dir.path().join("nav.html"),
        "<title>Links</title><a href=/>Home</a>",
    )
    .unwrap();
    std::fs::write(dir.path().join("zero.html"), [0u8, 1, 2, 3]).unwrap();
    std::fs::write(dir.path().join("note.txt"), "A note\n\nIt says hello.").unwrap();
    let c = crate::core::Corpus::load_dir(dir.path()).unwrap();
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["cafe", "nav", "note"]);
    assert_eq!(
        c.articles[0].title,
        "The Harbour Plan for the Next Ten Years"
    );
    assert!(c.articles[0].text.contains("The café opens."));
    let w: Vec<String> = c.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        w.iter()
            .any(|w| w.contains("nav.html") && w.contains("article")),
        "{w:?}"
    );
    assert!(
        w.iter()
            .any(|w| w.contains("zero.html") && w.contains("binary")),
        "{w:?}"
    );
}

#[test]
fn a_byline_loses_its_by() {
    // Readability gives the meta author as written: "By Erin Cunningham".
    let head = "<title>The Harbour Plan for the Next Ten Years</title>\
                <meta name='author' content='By Erin Cunningham'>";
    let page = read_page(&article_page(head, ""), None).unwrap();
    assert_eq!(page.byline.as_deref(), Some("Erin Cunningham"));
    // A byline that is not "By <names>" stays as it is.
    assert_eq!(
        crate::core::corpus::clean::author_of_byline("by the editorial board of the town"),
        "by the editorial board of the town"
    );
    assert_eq!(
        crate::core::corpus::clean::author_of_byline("Erin Cunningham"),
        "Erin Cunningham"
    );
}
