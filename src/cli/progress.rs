//! Progress on stderr with indicatif; the library only sees a `Fn(Progress)` callback.

use indicatif::{ProgressBar, ProgressStyle};
use luoshi::batch::{Progress, Stage};
use std::io::IsTerminal;
use std::sync::Mutex;

/// One bar whose message and length follow the stage being reported.
pub struct Bar {
    bar: ProgressBar,
    stage: Mutex<Option<Stage>>,
}

impl Bar {
    /// A visible bar on a terminal unless `quiet`; hidden otherwise.
    pub fn new(quiet: bool) -> Bar {
        let bar = if quiet || !std::io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            ProgressBar::new(0)
        };
        // Labels in Chinese, the rate a whole number per second, the rest digits.
        let style =
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} {rate}/秒 剩余 {eta}")
                .map(|s| {
                    s.with_key(
                        "rate",
                        |st: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(w, "{:.0}", st.per_sec());
                        },
                    )
                })
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> ");
        bar.set_style(style);
        Bar {
            bar,
            stage: Mutex::new(None),
        }
    }

    /// Shows one progress tick, switching label and length when a new stage starts.
    pub fn tick(&self, p: Progress) {
        let mut stage = self.stage.lock().unwrap_or_else(|e| e.into_inner());
        if *stage != Some(p.stage) {
            *stage = Some(p.stage);
            self.bar.reset();
            self.bar.set_length(p.total as u64);
            self.bar.set_message(match p.stage {
                Stage::Documents => "读取文件",
                Stage::Pairs => "比对计划与报告",
                Stage::Index => "更新检索索引",
                Stage::Writing => "写出结果",
            });
        }
        self.bar.set_position(p.done as u64);
    }

    /// Removes the bar before the summary lines are printed.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
