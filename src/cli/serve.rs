//! `luoshi serve`: the web application over the index and a batch output folder.

use super::Context;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 索引文件夹 / Index folder.
    #[arg(long, value_name = "DIR", default_value = luoshi::index::DEFAULT_DIR)]
    pub index: PathBuf,
    /// `luoshi batch --out` 的输出文件夹（复核意见存于其中的 reviews.sqlite）/ The folder `luoshi batch --out` wrote (reviews are stored there in reviews.sqlite).
    #[arg(long, value_name = "OUT", default_value = "out")]
    pub out: PathBuf,
    /// 监听地址；非本机地址须配 --token / Address to listen on; anything but loopback needs --token.
    #[arg(long, value_name = "IP:PORT", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// 访问令牌文件（取第一行）/ File whose first line is the access token every request must then present.
    #[arg(long, value_name = "FILE")]
    pub token: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    let addr: SocketAddr = args
        .addr
        .parse()
        .map_err(|_| luoshi::Error::Usage(format!("--addr '{}': expected IP:PORT", args.addr)))?;
    let token = args
        .token
        .as_deref()
        .map(luoshi::serve::read_token)
        .transpose()?;
    luoshi::serve::check_bind(&addr, token.as_deref())?;
    let seg = ctx.segmenter()?;
    let cfg = luoshi::serve::Config {
        index: args.index,
        out: args.out,
        addr,
        token,
    };
    let scope = if cfg.token.is_some() {
        "token required"
    } else {
        "loopback only"
    };
    luoshi::serve::run(cfg, seg, |bound| {
        eprintln!("luoshi serve: listening on http://{bound}/ ({scope}); Ctrl-C stops");
    })?;
    Ok(0)
}
