//! What a hostile or careless department can send (issue 18): bombs, oversized texts, symbolic
//! link loops, names that are not UTF-8, earlier outputs, odd manifests and a department with 5%
//! bad files, reproduced on real text, with what luoshi must do instead.

mod util;

use std::path::{Path, PathBuf};
use util::*;

// 1. Zip bombs and oversized documents are refused by name, and the batch goes on.

#[test]
fn a_docx_bomb_is_refused_as_too_large() {
    let tmp = tempfile::tempdir().unwrap();
    let bytes = docx_bomb(70 * 1024 * 1024);
    assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
    let path = tmp.path().join("bomb.docx");
    std::fs::write(&path, &bytes).unwrap();
    let err = luoshi::load::load_file(&path, &manifests()).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
    // The same structure below the limit is an ordinary document.
    std::fs::write(&path, docx_bomb(200_000)).unwrap();
    let docs = luoshi::load::load_file(&path, &manifests()).unwrap();
    assert!(docs[0].text.contains("在打好“三大攻坚战”上聚焦发力"));
}

#[test]
fn a_text_beyond_the_character_limit_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (plan, _) = pair_texts_2018();
    let n = luoshi::load::MAX_DOC_CHARS / plan.chars().count() + 1;
    let path = tmp.path().join("plan.txt");
    std::fs::write(&path, plan.repeat(n)).unwrap();
    let err = luoshi::load::load_file(&path, &manifests()).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
}

#[test]
fn a_batch_with_a_bomb_processes_every_other_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    add_unit(&dept, "海拉尔区人民政府");
    let bad = add_unit(&dept, "民政局");
    std::fs::write(bad.join("bomb.docx"), docx_bomb(70 * 1024 * 1024)).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: dept/民政局/2018/bomb.docx: too large"),
        "{}",
        stderr(&o)
    );
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    assert!(summary.contains("海拉尔区人民政府,2018"), "{summary}");
    assert!(summary.contains("民政局,2018"), "{summary}");
}

// 12. Earlier outputs and indexes inside the department are not read back as units.

#[test]
fn earlier_outputs_inside_the_department_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dd");
    add_unit(&dept, "海拉尔区人民政府");
    let first = [
        "batch", "dd", "--out", "dd/out", "--index", "dd/idx", "--quiet",
    ];
    let o = luoshi(tmp.path(), &first);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = luoshi(
        tmp.path(),
        &["batch", "dd", "--out", "dd/out2", "--index", "dd/idx2"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = std::fs::read_to_string(dept.join("out2/summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 2, "{summary}");
    let err = stderr(&o);
    for d in ["dd/out", "dd/idx"] {
        assert!(
            err.contains(&format!("warning: {d}: holds luoshi outputs")),
            "{err}"
        );
    }
    let errors = std::fs::read_to_string(dept.join("out2/errors.csv")).unwrap();
    assert_eq!(errors.lines().count(), 1, "{errors}");
}

// 2. A symbolic link loop is reported once and never followed.

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_once_and_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    let dir = add_unit(&dept, "海拉尔区人民政府");
    std::os::unix::fs::symlink("..", dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("../..", dir.join("loop2")).unwrap();
    // A second name for a real folder elsewhere is read once, under its first name.
    std::os::unix::fs::symlink("海拉尔区人民政府", dept.join("别名")).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors,
        [
            "error: dept/海拉尔区人民政府/2018/loop: symbolic link loop (leads back to a folder above it); not followed",
            "error: dept/海拉尔区人民政府/2018/loop2: symbolic link loop (leads back to a folder above it); not followed",
        ],
        "{err}"
    );
    assert!(
        err.contains("warning: dept/别名: symbolic link to a folder inside the walked folder"),
        "{err}"
    );
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 2, "{summary}");
    let errors = std::fs::read_to_string(tmp.path().join("out/errors.csv")).unwrap();
    assert_eq!(errors.lines().count(), 3, "{errors}");
}

// 3. Folder names that are not UTF-8 are read as GB18030, never merged into the parent.

#[cfg(unix)]
#[test]
fn gbk_folder_names_stay_separate_units() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    for name in ["民政局", "团市委机关"] {
        let (gbk, _, _) = encoding_rs::GBK.encode(name);
        let real = add_unit(&dept, name).parent().unwrap().to_path_buf();
        let os = std::ffi::OsStr::from_bytes(&gbk);
        std::fs::rename(&real, dept.join(os)).unwrap();
    }
    // A name no encoding reads is still its own unit, and said so.
    let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe\x80unit");
    let real = add_unit(&dept, "x").parent().unwrap().to_path_buf();
    std::fs::rename(&real, dept.join(bad)).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    let units: Vec<&str> = summary
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(units.len(), 3, "{summary}");
    assert!(
        units.contains(&"民政局") && units.contains(&"团市委机关"),
        "{units:?}"
    );
    assert!(units.iter().any(|u| u.ends_with("unit")), "{units:?}");
    let err = stderr(&o);
    assert!(
        err.contains("name is not UTF-8; read as GB18030 '民政局'"),
        "{err}"
    );
    assert!(err.contains("name is neither UTF-8 nor GB18030"), "{err}");
}

#[test]
fn a_newline_in_a_file_name_keeps_the_error_on_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad\nname.docx"), b"not a zip").unwrap();
    let o = luoshi(tmp.path(), &["ingest", "bad\nname.docx"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "error: bad\\nname.docx: not a docx (zip) file\n"
    );
}

#[test]
fn implausible_manifest_years_are_warned_about_and_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    add_unit(&dept, "海拉尔区人民政府");
    std::fs::write(
        dept.join("manifest.csv"),
        "path,unit,year,kind,title\n海拉尔区人民政府/2018/plan.txt,,-5,,\n海拉尔区人民政府/2018/report.txt,,99999,,\n",
    )
    .unwrap();
    let o = luoshi(tmp.path(), &["ingest", "dept", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("year '-5' is not a year between 1900 and 2100"),
        "{err}"
    );
    assert!(err.contains("year '99999'"), "{err}");
    let rows = stdout(&o);
    assert_eq!(rows.matches(",2018,").count(), 2, "{rows}");
}

// A department with about 5% bad files: every good unit processed, every bad file listed once.

#[cfg(unix)]
#[test]
fn a_five_percent_corrupt_department_is_processed_around_its_bad_files() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let o = luoshi(
        tmp.path(),
        &[
            "synth",
            "--units",
            "30",
            "--years",
            "2022..2023",
            "--seed",
            "7",
            "--out",
            "dept",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dept = tmp.path().join("dept");
    let mut units: Vec<PathBuf> = std::fs::read_dir(&dept)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    units.sort();
    // One unit's folder gets a GBK name, as a Windows zip stores it.
    let gbk_name = units[0].file_name().unwrap().to_str().unwrap().to_string();
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_name);
    let renamed = dept.join(std::ffi::OsStr::from_bytes(&gbk));
    std::fs::rename(&units[0], &renamed).unwrap();
    let mut expected = std::collections::BTreeSet::new();
    for u in std::fs::read_dir(&dept).unwrap() {
        let u = u.unwrap().path();
        if u.is_dir() {
            let name = luoshi::load::name_text(u.file_name().unwrap())
                .0
                .into_owned();
            for y in std::fs::read_dir(&u).unwrap() {
                let y = y.unwrap().path();
                expected.insert(format!(
                    "{name},{}",
                    y.file_name().unwrap().to_str().unwrap()
                ));
            }
        }
    }
    let good_files = files_under(&dept).len() - 1; // .synth-truth.csv
                                                   // The bad files, planted in good units' year folders, and the reason each must give.
    let (plan, _) = pair_texts_2018();
    let docx = make_docx(&plan.lines().collect::<Vec<_>>());
    let mut undecodable = b"\xEF\xBB\xBF".to_vec();
    undecodable.extend_from_slice(plan.as_bytes());
    undecodable.insert(200, 0xFF);
    let year_dir = |i: usize| {
        let u = &units[i];
        std::fs::read_dir(u)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path()
    };
    let bad: Vec<(PathBuf, Vec<u8>, &str)> = vec![
        (
            year_dir(1).join("truncated.docx"),
            docx[..docx.len() / 2].to_vec(),
            "not a docx (zip) file",
        ),
        (
            year_dir(2).join("bomb.docx"),
            docx_bomb(70 * 1024 * 1024),
            "too large",
        ),
        (
            year_dir(3).join("scan.txt"),
            [b"\x89PNG\r\n\x1a\n\0\0".as_slice(), &[7; 200]].concat(),
            "binary content",
        ),
        (year_dir(4).join("empty.txt"), Vec::new(), "empty file"),
        (year_dir(5).join("broken.txt"), undecodable, "invalid UTF-8"),
    ];
    for (p, bytes, _) in &bad {
        std::fs::write(p, bytes).unwrap();
    }
    let locked = year_dir(6).join("locked.txt");
    std::fs::copy(year_dir(6).join("plan.txt"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let unreadable = std::fs::read(&locked).is_err(); // root reads it anyway
    let loop_link = year_dir(7).join("loop");
    std::os::unix::fs::symlink("..", &loop_link).unwrap();
    let n_bad = bad.len() + 2;
    assert!(
        n_bad * 100 / (good_files + n_bad) <= 6,
        "{n_bad} of {good_files}"
    );

    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = tmp.path().join("out");
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let got: std::collections::BTreeSet<String> = summary
        .lines()
        .skip(1)
        .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(got, expected, "every good unit-year, no invented unit");
    let errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    let rows: Vec<&str> = errors.lines().skip(1).collect();
    let rel = |p: &Path| p.strip_prefix(tmp.path()).unwrap().display().to_string();
    for (p, _, reason) in &bad {
        let mine: Vec<&&str> = rows.iter().filter(|r| r.starts_with(&rel(p))).collect();
        assert_eq!(mine.len(), 1, "{}: {errors}", rel(p));
        assert!(mine[0].contains(reason), "{}: {errors}", mine[0]);
    }
    let loops = rows
        .iter()
        .filter(|r| r.starts_with(&rel(&loop_link)))
        .count();
    assert_eq!(loops, 1, "{errors}");
    assert!(rows
        .iter()
        .all(|r| r.contains("too large") || !r.contains("internal error")));
    let expected_rows = bad.len() + 1 + usize::from(unreadable);
    assert_eq!(rows.len(), expected_rows, "{errors}");
    if unreadable {
        assert!(errors.contains("permission denied"), "{errors}");
    }
    // Every failure is one `error:` line on stderr as well.
    let err_lines = stderr(&o)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    assert_eq!(err_lines, expected_rows, "{}", stderr(&o));
}
