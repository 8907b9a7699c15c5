use super::*;

fn article() -> Article {
    Article::parse(
        "a.txt",
        "---\nid: art\ntitle: Art\n---\nOne passage here.\n\nTwo passage here.\n\nThree passage here.",
        None,
    )
    .unwrap()
}

#[test]
fn missing_file_is_an_empty_store_created_with_its_folder_on_first_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep/er/bookmarks.json");
    let mut s = BookmarkStore::open(&path);
    assert!(s.bookmarks().is_empty() && s.read_only().is_none());
    let b = s
        .add(&article(), PassageSpan::single(2), "a note\n")
        .unwrap();
    assert_eq!(b.id.len(), 8);
    assert_eq!(b.note, "a note");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("{\n  \"version\": 1,\n  \"bookmarks\": ["),
        "{text}"
    );
    assert!(lock_path(&path).exists());
    let again = BookmarkStore::open(&path);
    assert_eq!(again.bookmarks(), &[b]);
}

#[test]
fn changes_are_written_through_and_unknown_fields_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let mut s = BookmarkStore::open(&path);
    let b = s.add(&article(), PassageSpan::single(1), "").unwrap();
    // Someone adds fields by hand.
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen("\"version\": 1,", "\"version\": 1, \"owner\": \"me\",", 1);
    let text = text.replacen("\"note\": \"\"", "\"note\": \"\", \"tags\": [\"x\"]", 1);
    std::fs::write(&path, text).unwrap();
    assert!(s.set_note(&b.id, "later").unwrap());
    assert!(!s.set_note("nope", "x").unwrap());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\"owner\": \"me\"") && text.contains("\"tags\""),
        "{text}"
    );
    assert!(text.contains("\"note\": \"later\""));
    assert_eq!(s.remove(&b.id).unwrap().map(|b| b.id), Some(b.id.clone()));
    assert_eq!(s.remove(&b.id).unwrap(), None);
    assert!(BookmarkStore::open(&path).bookmarks().is_empty());
}

#[test]
fn a_file_it_cannot_read_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    for (content, expect) in [
        (
            &b"{\"version\": 1, \"bookmarks\": [ oops"[..],
            "not valid JSON",
        ),
        (
            b"{\"version\": 99, \"bookmarks\": 5}",
            "newer dossier (file format version 99",
        ),
        (b"[1, 2]", "not a dossier bookmarks file"),
        (
            b"{\"version\": 1, \"bookmarks\": [{\"id\": 3}]}",
            "cannot read",
        ),
    ] {
        let path = dir.path().join("bad.json");
        std::fs::write(&path, content).unwrap();
        let mut s = BookmarkStore::open(&path);
        let why = s.read_only().expect("read-only").to_string();
        assert!(why.contains(expect), "{why}");
        let short = s.summary().unwrap();
        assert!(
            short.starts_with("bad.json ") && short.len() < 45,
            "{short}"
        );
        assert!(why.contains("will not overwrite"), "{why}");
        let e = s
            .add(&article(), PassageSpan::single(1), "x")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(&path.display().to_string()), "{e}");
        assert!(s.remove("x").is_err() && s.set_note("x", "y").is_err());
        assert_eq!(std::fs::read(&path).unwrap(), content);
    }
}

#[test]
fn a_fixed_file_becomes_writable_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    std::fs::write(&path, "not json").unwrap();
    let mut s = BookmarkStore::open(&path);
    assert!(s.read_only().is_some());
    std::fs::remove_file(&path).unwrap();
    s.add(&article(), PassageSpan::single(1), "").unwrap();
    assert!(s.read_only().is_none());
}

#[test]
fn two_stores_on_one_file_keep_each_others_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let (mut one, mut two) = (BookmarkStore::open(&path), BookmarkStore::open(&path));
    let a = one.add(&article(), PassageSpan::single(1), "one").unwrap();
    let b = two.add(&article(), PassageSpan::single(2), "two").unwrap();
    assert_eq!(two.bookmarks().len(), 2);
    assert_eq!(one.bookmarks().len(), 1);
    one.reload().unwrap();
    assert_eq!(
        one.bookmarks().iter().map(|b| &b.id).collect::<Vec<_>>(),
        [&a.id, &b.id]
    );
    assert!(one.remove(&b.id).unwrap().is_some());
    assert!(two.set_note(&a.id, "edited").unwrap());
    assert_eq!(two.bookmarks().len(), 1);
    assert_eq!(BookmarkStore::open(&path).bookmarks()[0].note, "edited");
}

#[test]
fn stale_temp_files_are_cleaned_under_the_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let stale = dir.path().join(".b.json.tmp.1.0");
    std::fs::write(&stale, "half").unwrap();
    BookmarkStore::open(&path)
        .add(&article(), PassageSpan::single(1), "")
        .unwrap();
    assert!(!stale.exists());
}

#[test]
fn an_empty_file_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    for (content, expect) in [
        ("", "is empty (0 bytes)"),
        ("\n \n", "holds only blank space (3 bytes)"),
    ] {
        std::fs::write(&path, content).unwrap();
        let mut s = BookmarkStore::open(&path);
        let why = s.read_only().unwrap().to_string();
        assert!(why.contains(expect) && why.contains("rm "), "{why}");
        assert!(s.read_error().is_some());
        assert_eq!(
            s.summary().unwrap(),
            format!("b.json {}", expect.split(" (").next().unwrap())
        );
        let e = s.add(&article(), PassageSpan::single(1), "").unwrap_err();
        assert!(e.to_string().contains(expect), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
    }
    // Removed, as the message says: a new file is started.
    std::fs::remove_file(&path).unwrap();
    let mut s = BookmarkStore::open(&path);
    s.add(&article(), PassageSpan::single(1), "").unwrap();
    assert!(s.read_only().is_none());
}

#[test]
fn ids_are_unique() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = BookmarkStore::open(&dir.path().join("b.json"));
    let mut ids = std::collections::HashSet::new();
    for _ in 0..50 {
        ids.insert(s.add(&article(), PassageSpan::single(3), "").unwrap().id);
    }
    assert_eq!(ids.len(), 50);
    let taken = ["00000000"];
    assert!(!taken.contains(&new_id(|id| taken.contains(&id)).as_str()));
}

#[test]
fn notes_lose_control_characters_but_keep_line_breaks() {
    assert_eq!(clean_note("a\u{1b}[2J\nb\t c  \n"), "a\nb\t c");
}

#[test]
fn changed_on_disk_notices_another_writer_and_not_its_own_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let (mut one, mut two) = (BookmarkStore::open(&path), BookmarkStore::open(&path));
    assert!(!one.changed_on_disk(), "a missing file is as it was seen");
    one.add(&article(), PassageSpan::single(1), "one").unwrap();
    assert!(!one.changed_on_disk(), "its own write is not a change");
    assert!(two.changed_on_disk(), "the file appeared");
    two.reload().unwrap();
    assert!(!two.changed_on_disk());
    // The same length, written by the other store: still noticed.
    two.set_note(&one.bookmarks()[0].id.clone(), "two").unwrap();
    assert!(one.changed_on_disk());
    one.reload().unwrap();
    assert_eq!(one.bookmarks()[0].note, "two");
    assert!(!one.changed_on_disk());
    // A change that writes nothing leaves it unchanged.
    assert!(one.remove("no-such-id").unwrap().is_none());
    assert!(!one.changed_on_disk());
    std::fs::remove_file(&path).unwrap();
    assert!(one.changed_on_disk(), "a removed file is a change");
}

#[cfg(unix)]
#[test]
fn a_write_protected_file_is_never_replaced_even_by_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.json");
    let mut s = BookmarkStore::open(&path);
    let b = s.add(&article(), PassageSpan::single(1), "kept").unwrap();
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let e = s
        .add(&article(), PassageSpan::single(2), "refused")
        .unwrap_err()
        .to_string();
    assert!(e.contains(&format!("chmod u+w {}", path.display())), "{e}");
    assert!(s.set_note(&b.id, "x").is_err() && s.remove(&b.id).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(s.bookmarks(), std::slice::from_ref(&b), "still listed");
    // Opening it: readable, but read-only with the same advice.
    let mut other = BookmarkStore::open(&path);
    assert_eq!(other.bookmarks().len(), 1);
    assert!(other.read_only().unwrap().contains("chmod u+w"));
    assert!(other.error().is_some() && other.read_error().is_none());
    assert_eq!(other.summary().unwrap(), "b.json is write-protected");
    // Writable again: the change goes through and the mode is kept.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    other
        .add(&article(), PassageSpan::single(2), "now")
        .unwrap();
    assert!(other.read_only().is_none());
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_written_through_with_one_lock_for_every_path_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let synced = dir.path().join("synced");
    std::fs::create_dir(&synced).unwrap();
    let real = synced.join("bookmarks.json");
    let link = dir.path().join("bookmarks.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    // One writer through the link, one on the file itself.
    let (mut via_link, mut direct) = (BookmarkStore::open(&link), BookmarkStore::open(&real));
    let a = via_link
        .add(&article(), PassageSpan::single(1), "one")
        .unwrap();
    let b = direct
        .add(&article(), PassageSpan::single(2), "two")
        .unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(BookmarkStore::open(&link).bookmarks(), &[a, b]);
    assert!(lock_path(&real).exists());
    assert!(!lock_path(&link).exists());
    // A stale temporary file beside the target is cleaned up there.
    let stale = synced.join(".bookmarks.json.tmp.1.0");
    std::fs::write(&stale, "half").unwrap();
    assert!(
        via_link
            .set_note(&via_link.bookmarks()[0].id.clone(), "x")
            .unwrap()
    );
    assert!(!stale.exists());
    assert!(!via_link.changed_on_disk());
    // Emptied, it names the real file to remove, not the link.
    std::fs::write(&real, "").unwrap();
    let why = BookmarkStore::open(&link).read_only().unwrap().to_string();
    assert!(why.contains(&format!("(rm {})", real.display())), "{why}");
}
