fn main() {
    let seg = luoshi::Segmenter::shared();
    let g = luoshi::gap_files("../shared/pairs/sc_2016/plan.txt".as_ref(), "../shared/pairs/sc_2016/report.txt".as_ref(), &seg).unwrap();
    for t in &g.tasks {
        if t.text.contains("深化户籍制度改革") {
            println!("TASK {} {} {:?} score {}", t.id, t.path, t.status, t.score);
            for c in &t.commitments {
                println!("  {} {:?} {} | {}", c.id, c.status, c.score, c.text.chars().take(40).collect::<String>());
                for e in &c.evidence { println!("     ev {} {}", e.score, e.quote.chars().take(50).collect::<String>()); }
            }
        }
    }
}
