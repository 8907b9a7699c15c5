//! Durability of the bookmarks file, with the real binary: two processes
//! writing at once, `kill -9` in the middle of writes, files dossier must not
//! overwrite.

mod bookmarks_support;

use std::collections::HashSet;
use std::process::Stdio;
use std::time::{Duration, Instant};

use bookmarks_support::{Env, Run, ids, read_file};

#[test]
fn two_processes_adding_40_each_at_once_keep_all_80() {
    let env = Env::new();
    let results: Vec<Vec<String>> = std::thread::scope(|s| {
        let workers: Vec<_> = ["one", "two"]
            .into_iter()
            .map(|who| {
                let env = &env;
                s.spawn(move || {
                    (0..40)
                        .map(|i| env.add(&[], "story-of-a-betrayal:4-5", &format!("{who} {i}")))
                        .collect::<Vec<String>>()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let reported: HashSet<&String> = results.iter().flatten().collect();
    assert_eq!(reported.len(), 80, "ids must be unique");
    let file = read_file(&env.file());
    let kept: HashSet<String> = ids(&file).into_iter().collect();
    assert_eq!(kept.len(), 80);
    assert!(reported.iter().all(|id| kept.contains(*id)));
    let notes: HashSet<&str> = file["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["note"].as_str().unwrap())
        .collect();
    for who in ["one", "two"] {
        for i in 0..40 {
            assert!(notes.contains(format!("{who} {i}").as_str()));
        }
    }
}

#[test]
fn kill_9_at_any_moment_leaves_a_valid_file_with_every_reported_bookmark() {
    let env = Env::new();
    // How long one add takes here, to spread the kills over its whole run.
    let start = Instant::now();
    let mut reported = vec![env.add(&[], "worst-possible-way:2", "before")];
    let typical = start.elapsed();
    let (mut killed, rounds) = (0, 40u32);
    for i in 0..rounds {
        let mut child = env
            .cmd(&[
                "bookmarks",
                "add",
                "worst-possible-way:3",
                "--note",
                &format!("round {i}"),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The moment of the kill, from at once to a little after a typical
        // add would have finished (not a wait for a result).
        std::thread::sleep(typical * 6 / 5 * i / rounds);
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        let run: Run = out.into();
        if run.code == 0 {
            reported.push(run.out.trim().to_string());
        } else {
            assert_eq!(run.code, -1, "only a kill may stop an add: {run:?}");
            killed += 1;
        }
        let file = read_file(&env.file());
        let kept = ids(&file);
        for id in &reported {
            assert!(
                kept.contains(id),
                "round {i}: {id} was reported but is gone"
            );
        }
    }
    assert!(
        killed > 0,
        "no add was killed; the test did not test anything"
    );
    // A later add cleans up what the killed ones left behind.
    reported.push(env.add(&[], "worst-possible-way:4", "after"));
    let kept = ids(&read_file(&env.file()));
    assert!(reported.iter().all(|id| kept.contains(id)));
    let leftovers: Vec<String> = std::fs::read_dir(env.file().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    eprintln!(
        "kill -9: {killed} of {rounds} adds killed, {} completed; a typical add took {typical:?}",
        rounds - killed
    );
}

#[test]
fn a_file_dossier_cannot_read_is_left_byte_for_byte_and_writers_exit_2() {
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "corrupt",
            b"{\"version\": 1, \"bookmarks\": [ {\"id\": \"a\",",
            "not valid JSON",
        ),
        (
            "newer",
            b"{\n  \"version\": 99,\n  \"bookmarks\": []\n}\n",
            "newer dossier",
        ),
        ("binary", b"\x00\xff\xfe garbage", "not valid JSON"),
    ];
    for (name, content, why) in cases {
        let env = Env::new();
        std::fs::create_dir_all(env.file().parent().unwrap()).unwrap();
        std::fs::write(env.file(), content).unwrap();
        let before = std::fs::metadata(env.file()).unwrap().modified().unwrap();
        for args in [
            &["bookmarks", "add", "story-of-a-betrayal:1", "--note", "x"][..],
            &["bookmarks", "remove", "a"],
            &["bookmarks", "list"],
            &["bookmarks", "export"],
        ] {
            let r = env.run(args);
            assert_eq!(r.code, 2, "{name} {args:?}: {r:?}");
            assert!(
                r.err.contains(&env.file().display().to_string()),
                "{name}: {}",
                r.err
            );
            assert!(
                r.err.contains(why) && r.err.contains("will not overwrite"),
                "{}",
                r.err
            );
            assert!(r.out.is_empty());
        }
        assert_eq!(std::fs::read(env.file()).unwrap(), content, "{name}");
        assert_eq!(
            std::fs::metadata(env.file()).unwrap().modified().unwrap(),
            before
        );
    }
}

#[test]
fn the_lock_file_sits_beside_the_data_file_and_a_missing_folder_is_created() {
    let env = Env::new();
    let file = env.path("deep/folder/marks.json");
    let flag = file.to_str().unwrap();
    let id = env.add(&["--bookmarks", flag], "story-of-a-betrayal:2", "");
    assert_eq!(ids(&read_file(&file)), [id]);
    assert!(env.path("deep/folder/marks.json.lock").exists());
    assert!(!env.file().exists(), "the default file must not be touched");
}

#[test]
fn a_writer_waits_for_the_lock_and_then_keeps_the_other_change() {
    let env = Env::new();
    env.add(&[], "story-of-a-betrayal:1", "first");
    let lock_path = env.path("data/bookmarks.json.lock");
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(&lock_path)
        .unwrap();
    lock.lock().unwrap();
    // While this test holds the lock, it changes the file, as another
    // instance would.
    let mut child = env
        .cmd(&[
            "bookmarks",
            "add",
            "story-of-a-betrayal:2",
            "--note",
            "waited",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let held_until = Instant::now() + Duration::from_millis(700);
    while Instant::now() < held_until {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the add did not wait for the lock"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut v = read_file(&env.file());
    v["bookmarks"][0]["note"] = "changed meanwhile".into();
    std::fs::write(env.file(), serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    lock.unlock().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v = read_file(&env.file());
    let notes: Vec<&str> = v["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["changed meanwhile", "waited"]);
}
