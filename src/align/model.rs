//! The learned decision: a multinomial logistic regression from a commitment's evidence features
//! to done / partial / missing, fitted on labelled pairs (`luoshi eval DIR --fit`) and embedded.
//!
//! Hand-set thresholds read off two pairs did not carry over to new text; a small linear model
//! over interpretable features, fitted and checked by leave-one-pair-out cross-validation, does
//! better and still says why (each feature's contribution to the chosen status).

use super::features::FEATURES;
use super::Status;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The fitted model shipped in the binary (written by `luoshi eval ../shared/pairs --fit`).
pub static SHIPPED: LazyLock<Model> = LazyLock::new(|| {
    serde_json::from_str(include_str!("gap_model.json")).unwrap_or_else(|_| Model::untrained())
});

/// Classes in the order of the model's rows.
pub const CLASSES: [Status; 3] = [Status::Done, Status::Partial, Status::Missing];

/// L2 penalty of the fit, chosen by cross-validation (see ARCHITECTURE.md, "Gap model").
pub const ALPHA: f64 = 10.0;

/// The band of P(missing) in which a call is flagged [`super::Flag::Uncertain`]. Under CV on the
/// nine pairs the commitments inside it (a quarter) are right on followed-or-not 0.65 of the time
/// and the rest 0.89 (README, "How well the gap analysis works").
pub const IN_DOUBT: std::ops::Range<f64> = 0.3..0.7;

/// A linear model over standardised features; one row of weights per class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Feature names, in the order of the columns (checked against [`FEATURES`] when used).
    pub features: Vec<String>,
    pub mean: Vec<f64>,
    pub scale: Vec<f64>,
    /// `weights[class][feature]`, classes as in [`CLASSES`].
    pub weights: Vec<Vec<f64>>,
    pub intercept: Vec<f64>,
    /// Labelled rows the model was fitted on.
    pub rows: usize,
}

/// One feature's pull towards the chosen status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub feature: &'static str,
    pub value: f64,
    /// Log-odds the feature adds to the chosen status against the average of the others.
    pub weight: f64,
}

impl Model {
    /// A model that says `missing` unless the best evidence score is high: used only when the
    /// embedded weights do not fit this build's features, so a stale file never panics.
    pub fn untrained() -> Model {
        let n = FEATURES.len();
        let mut weights = vec![vec![0.0; n]; 3];
        weights[0][0] = 4.0;
        weights[2][0] = -4.0;
        Model {
            features: FEATURES.iter().map(|s| s.to_string()).collect(),
            mean: vec![0.0; n],
            scale: vec![1.0; n],
            weights,
            intercept: vec![-2.4, 0.0, 2.4],
            rows: 0,
        }
    }

    /// Whether the model's columns are this build's features.
    pub fn fits_features(&self) -> bool {
        self.features.len() == FEATURES.len()
            && self.features.iter().zip(FEATURES).all(|(a, b)| a == b)
            && self.weights.len() == 3
            && self.weights.iter().all(|w| w.len() == FEATURES.len())
    }

    fn standardised(&self, x: &[f64]) -> Vec<f64> {
        x.iter()
            .zip(self.mean.iter().zip(&self.scale))
            .map(|(v, (m, s))| (v - m) / s)
            .collect()
    }

    /// Probabilities of done, partial and missing.
    pub fn probabilities(&self, x: &[f64]) -> [f64; 3] {
        let z = self.standardised(x);
        let mut logits = [0.0f64; 3];
        for (k, l) in logits.iter_mut().enumerate() {
            *l = self.intercept[k]
                + self.weights[k]
                    .iter()
                    .zip(&z)
                    .map(|(w, v)| w * v)
                    .sum::<f64>();
        }
        let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = logits.iter().map(|l| (l - max).exp()).collect();
        let sum: f64 = exp.iter().sum();
        [exp[0] / sum, exp[1] / sum, exp[2] / sum]
    }

    /// The most probable status and its probability.
    pub fn decide(&self, x: &[f64]) -> (Status, f64) {
        let p = self.probabilities(x);
        let k = (0..3).fold(0, |b, k| if p[k] > p[b] { k } else { b });
        (CLASSES[k], p[k])
    }

    /// Whether the decision on `x` could go either way between missing and followed through.
    pub fn in_doubt(&self, x: &[f64]) -> bool {
        IN_DOUBT.contains(&self.probabilities(x)[2])
    }

    /// The `n` features that pulled hardest towards (or away from) `status`.
    pub fn strongest(&self, x: &[f64], status: Status, n: usize) -> Vec<Contribution> {
        let k = CLASSES.iter().position(|c| *c == status).unwrap_or(2);
        let z = self.standardised(x);
        let mut out: Vec<Contribution> = (0..z.len())
            .map(|f| {
                let others = (0..3).filter(|&c| c != k).map(|c| self.weights[c][f]);
                let avg = others.sum::<f64>() / 2.0;
                Contribution {
                    feature: FEATURES[f],
                    value: (x[f] * 1000.0).round() / 1000.0,
                    weight: (((self.weights[k][f] - avg) * z[f]) * 1000.0).round() / 1000.0,
                }
            })
            .collect();
        out.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
        out.truncate(n);
        out
    }

    /// Fits the model on labelled feature rows (deterministic: the same rows give the same weights).
    pub fn fit(rows: &[(Vec<f64>, Status)], alpha: f64) -> Result<Model, String> {
        use linfa::prelude::*;
        let n = FEATURES.len();
        if rows.is_empty() {
            return Err("no labelled rows to fit on".into());
        }
        let mut mean = vec![0.0; n];
        for (x, _) in rows {
            for f in 0..n {
                mean[f] += x[f] / rows.len() as f64;
            }
        }
        let mut scale = vec![0.0; n];
        for (x, _) in rows {
            for f in 0..n {
                scale[f] += (x[f] - mean[f]).powi(2) / rows.len() as f64;
            }
        }
        // A constant feature keeps scale 1 (and so weight 0 after the penalty).
        let scale: Vec<f64> = scale
            .into_iter()
            .map(|v| if v > 1e-12 { v.sqrt() } else { 1.0 })
            .collect();
        let mut x = ndarray::Array2::<f64>::zeros((rows.len(), n));
        let mut y = ndarray::Array1::<usize>::zeros(rows.len());
        for (i, (row, status)) in rows.iter().enumerate() {
            for f in 0..n {
                x[[i, f]] = (row[f] - mean[f]) / scale[f];
            }
            y[i] = CLASSES.iter().position(|c| c == status).unwrap_or(2);
        }
        let dataset = linfa::Dataset::new(x, y);
        let fitted = linfa_logistic::MultiLogisticRegression::default()
            .alpha(alpha)
            .max_iterations(500)
            .fit(&dataset)
            .map_err(|e| format!("the logistic regression did not fit: {e}"))?;
        // linfa orders the classes it saw ascending; map its columns back to ours.
        let labels: Vec<usize> = {
            let mut l: Vec<usize> = dataset.targets().iter().copied().collect();
            l.sort_unstable();
            l.dedup();
            l
        };
        let params = fitted.params();
        let intercept_in = fitted.intercept();
        let mut weights = vec![vec![0.0; n]; 3];
        let mut intercept = vec![-30.0; 3];
        for (col, &class) in labels.iter().enumerate() {
            for f in 0..n {
                weights[class][f] = round6(params[[f, col]]);
            }
            intercept[class] = round6(intercept_in[col]);
        }
        Ok(Model {
            features: FEATURES.iter().map(|s| s.to_string()).collect(),
            mean: mean.into_iter().map(round6).collect(),
            scale: scale.into_iter().map(round6).collect(),
            weights,
            intercept,
            rows: rows.len(),
        })
    }
}

/// Six decimals: enough for the decision, and a weights file that diffs readably.
fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The shipped model when it fits this build's features, else the untrained fallback.
pub fn shipped() -> &'static Model {
    static FALLBACK: LazyLock<Model> = LazyLock::new(Model::untrained);
    if SHIPPED.fits_features() {
        &SHIPPED
    } else {
        &FALLBACK
    }
}

impl Model {
    /// Reads a weights file written by `luoshi eval DIR --fit FILE`, refusing one whose features
    /// are not this build's (an old file would silently mis-weigh every column).
    pub fn from_file(path: &std::path::Path) -> crate::Result<Model> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| crate::Error::input(path, format!("cannot read the model ({e})")))?;
        let model: Model = serde_json::from_str(&text)
            .map_err(|e| crate::Error::input(path, format!("not a luoshi gap model ({e})")))?;
        if !model.fits_features() {
            return Err(crate::Error::input(
                path,
                "the model was fitted on other features than this luoshi computes: refit it with `luoshi eval DIR --fit FILE`",
            ));
        }
        Ok(model)
    }

    /// The weights file's text: pretty JSON with a final newline, identical for identical fits.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}
